import { CopyButton } from '@/components/ui/copy-button';
import { Input } from '@/components/ui/input';

/** The SCIM Base URL, read-only, with a copy button (step 1 of the set-up guide). */
export function ScimBaseUrl({ url }: { url: string }) {
  return (
    <div className="space-y-1.5">
      <label htmlFor="scim-base-url" className="block text-sm font-medium text-zinc-800 dark:text-zinc-200">
        SCIM Base URL
      </label>
      <div className="flex flex-wrap gap-2 sm:flex-nowrap">
        <Input id="scim-base-url" readOnly value={url} className="font-mono" aria-describedby="scim-base-url-hint" />
        <CopyButton value={url} ariaLabel="Copy SCIM Base URL" />
      </div>
      <p id="scim-base-url-hint" className="text-xs text-zinc-500 dark:text-zinc-400">
        Paste it in your IdP: Okta calls it the SCIM connector base URL, Microsoft Entra ID the Tenant URL.
      </p>
    </div>
  );
}
