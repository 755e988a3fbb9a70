import Link from 'next/link';
import type { ReactNode } from 'react';

function Guide({ title, children }: { title: string; children: ReactNode }) {
  return (
    <details className="group rounded-md border border-zinc-200 dark:border-zinc-800" open>
      <summary className="cursor-pointer list-none px-4 py-3 text-sm font-semibold marker:hidden">
        <span aria-hidden className="mr-2 inline-block transition-transform group-open:rotate-90">
          ▸
        </span>
        {title}
      </summary>
      <ol className="list-decimal space-y-1.5 px-4 pb-4 pl-9 text-sm text-zinc-700 dark:text-zinc-300">{children}</ol>
    </details>
  );
}

const Code = ({ children }: { children: ReactNode }) => <code className="rounded bg-zinc-100 px-1 py-0.5 text-xs dark:bg-zinc-800">{children}</code>;
const tokens = (
  <Link href="/infra-tokens" className="text-brand-700 underline dark:text-brand-100">
    InfraToken
  </Link>
);

/** Short set-up guides for the two IdPs admins use most, with the exact field names they will see. */
export function IdpGuides() {
  return (
    <div className="grid gap-3 lg:grid-cols-2">
      <Guide title="Okta">
        <li>In your Okta app, open the <strong>General</strong> tab and enable <strong>SCIM provisioning</strong>.</li>
        <li>
          Under <strong>Provisioning → Integration</strong>, paste the SCIM Base URL as the <strong>SCIM connector base URL</strong>.
        </li>
        <li>
          Set the <strong>Unique identifier field for users</strong> to <Code>userName</Code>.
        </li>
        <li>
          Choose the provisioning actions: Push New Users, Push Profile Updates (and Push Groups if you want groups).
        </li>
        <li>
          Authentication Mode <strong>HTTP Header</strong>: paste an {tokens} as the Authorization token (Okta sends <Code>Authorization: Bearer …</Code>). Test and save.
        </li>
        <li>
          Under <strong>Provisioning → To App</strong>, enable <strong>Create Users</strong>, <strong>Update User Attributes</strong> and{' '}
          <strong>Deactivate Users</strong>, then save.
        </li>
      </Guide>
      <Guide title="Microsoft Entra ID">
        <li>
          In <strong>Enterprise applications</strong>, create your own (non-gallery) application and open <strong>Provisioning</strong>.
        </li>
        <li>
          Set <strong>Provisioning Mode</strong> to <strong>Automatic</strong>.
        </li>
        <li>
          Under <strong>Admin Credentials</strong>, paste the SCIM Base URL as the <strong>Tenant URL</strong> and an {tokens} as the <strong>Secret Token</strong>,
          then <strong>Test Connection</strong>.
        </li>
        <li>
          Review <strong>Mappings</strong> (users match on <Code>userName</Code>), assign users and groups, and <strong>Start provisioning</strong>.
        </li>
        <li>
          Custom attributes: in the attribute mapping, <strong>Show advanced options → Edit attribute list</strong> and add{' '}
          <Code>&lt;schema URN&gt;:&lt;name&gt;</Code> for each attribute below.
        </li>
      </Guide>
    </div>
  );
}
