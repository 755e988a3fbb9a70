import type { Metadata } from 'next';
import { AddAttributeForm } from '@/components/configurations/add-attribute-form';
import { CustomAttributeList } from '@/components/configurations/custom-attribute-list';
import { IdpGuides } from '@/components/configurations/idp-guides';
import { ScimBaseUrl } from '@/components/configurations/scim-base-url';
import { ScimProvisioningSwitch } from '@/components/configurations/scim-provisioning-switch';
import { SsoSettingsForm } from '@/components/configurations/sso-settings-form';
import { PageHeader } from '@/components/shell/page-header';
import { requestOrigin } from '@/components/shell/request-origin';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { requireAdmin } from '@/lib/auth/session';
import { getInstanceConfig, listCustomAttributes, scimBaseUrl } from '@/lib/services/instance-config';
import { getSsoSettingsView } from '@/lib/services/sso-config';
import { URN } from '@/lib/scim/schemas/urns';

export const metadata: Metadata = { title: 'Configurations' };

const SUGGESTED_URN = 'urn:ietf:params:scim:schemas:extension:roster:2.0:User';

/** User Provisioning (SCIM on/off, base URL, IdP guides) and the custom SCIM attributes. */
export default async function ConfigurationsPage() {
  await requireAdmin();
  const [config, attributes, origin, sso] = await Promise.all([getInstanceConfig(), listCustomAttributes(), requestOrigin(), getSsoSettingsView()]);
  const customUrns = [...new Set(attributes.map((a) => a.schemaUrn))];
  const defaultUrn = customUrns.find((u) => u !== URN.User && u !== URN.EnterpriseUser) ?? SUGGESTED_URN;
  return (
    <>
      <PageHeader title="Configurations" description="Settings of this instance." />
      <div className="space-y-6">
        <Card>
          <CardHeader title="User Provisioning" description="Let your identity provider create, update and deactivate users over SCIM 2.0." />
          <CardBody className="space-y-5">
            <ScimProvisioningSwitch enabled={config.scimEnabled} />
            {config.scimEnabled ? (
              <>
                <ScimBaseUrl url={scimBaseUrl(config, origin)} />
                <div className="space-y-2">
                  <h3 className="text-sm font-semibold">Connect your IdP</h3>
                  <p className="text-sm text-zinc-600 dark:text-zinc-400">
                    You will need the SCIM Base URL above and an InfraToken. Users are matched on <code>userName</code>.
                  </p>
                  <IdpGuides />
                </div>
              </>
            ) : (
              <p className="text-sm text-zinc-600 dark:text-zinc-400">Turn SCIM Provisioning on to see the SCIM Base URL and the set-up guides for Okta and Microsoft Entra ID.</p>
            )}
          </CardBody>
        </Card>

        <Card>
          <CardHeader
            title="Single sign-on"
            description="Provisioned users sign in with the same identity provider over OpenID Connect. Only active, provisioned users get in; deprovisioning ends their sessions at once."
          />
          <CardBody>
            <SsoSettingsForm current={sso} redirectUri={`${(config.publicUrl ?? origin).replace(/\/+$/, '')}/api/auth/callback/oidc`} />
          </CardBody>
        </Card>

        <Card>
          <CardHeader
            title="Custom attributes"
            description={
              <>
                Extend the SCIM User schema with your own attributes. In Okta, add the same attribute in <strong>Directory → Profile Editor</strong> (your SCIM
                app → <strong>Add Attribute</strong>) with the schema URN below as its <strong>External namespace</strong>. /Schemas publishes them.
              </>
            }
          />
          <CardBody className="space-y-6">
            {attributes.length ? (
              <CustomAttributeList attributes={attributes} />
            ) : (
              <EmptyState title="No custom attributes">Only the standard core and enterprise User attributes are accepted. Add one below.</EmptyState>
            )}
            <div className="border-t border-zinc-200 pt-5 dark:border-zinc-800">
              <AddAttributeForm defaultUrn={defaultUrn} knownUrns={[...new Set([...customUrns, SUGGESTED_URN, URN.EnterpriseUser, URN.User])]} />
            </div>
          </CardBody>
        </Card>
      </div>
    </>
  );
}
