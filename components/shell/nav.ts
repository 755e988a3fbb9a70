/** The admin navigation, in the order the set-up guide walks through it. */
export const NAV_ITEMS = [
  { href: '/dashboard', label: 'Dashboard' },
  { href: '/users', label: 'Users' },
  { href: '/groups', label: 'Groups' },
  { href: '/configurations', label: 'Configurations' },
  { href: '/infra-tokens', label: 'InfraTokens' },
  { href: '/activity', label: 'Activity' },
] as const;
