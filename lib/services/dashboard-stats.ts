/** The Dashboard's cards, gathered in one call (each figure is one indexed query). */
import { countAllGroups } from './directory-groups';
import { countUsersByStatus } from './directory-users';
import { getInstanceConfig } from './instance-config';
import { getScimTraffic } from './activity-log';

export interface DashboardStats {
  activeUsers: number;
  deprovisionedUsers: number;
  groups: number;
  scimEnabled: boolean;
  scimRequests24h: number;
  scimErrors24h: number;
  lastScimRequestAt: Date | null;
}

export async function getDashboardStats(): Promise<DashboardStats> {
  const [users, groups, config, traffic] = await Promise.all([countUsersByStatus(), countAllGroups(), getInstanceConfig(), getScimTraffic(24)]);
  return {
    activeUsers: users.active,
    deprovisionedUsers: users.deprovisioned,
    groups,
    scimEnabled: config.scimEnabled,
    scimRequests24h: traffic.requests,
    scimErrors24h: traffic.errors,
    lastScimRequestAt: traffic.lastRequestAt,
  };
}
