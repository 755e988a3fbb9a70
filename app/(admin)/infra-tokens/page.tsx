import type { Metadata } from 'next';
import { CreateTokenForm } from '@/components/infra-tokens/create-token-form';
import { TokenList } from '@/components/infra-tokens/token-list';
import { PageHeader } from '@/components/shell/page-header';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { requireAdmin } from '@/lib/auth/session';
import { listInfraTokens } from '@/lib/services/tokens';

export const metadata: Metadata = { title: 'InfraTokens' };

/** Generate the tokens an IdP authenticates SCIM requests with; see and revoke them. */
export default async function InfraTokensPage() {
  await requireAdmin();
  const tokens = await listInfraTokens();
  return (
    <>
      <PageHeader title="InfraTokens" description="Tokens your IdP uses to authenticate SCIM requests." />
      <div className="space-y-6">
        <Card>
          <CardHeader title="Generate an InfraToken" description="Create one token per IdP connection, so you can revoke one without breaking the others." />
          <CardBody>
            <CreateTokenForm />
          </CardBody>
        </Card>
        <section aria-labelledby="tokens-title">
          <h2 id="tokens-title" className="mb-3 text-lg font-semibold">
            Tokens
          </h2>
          {tokens.length ? (
            <TokenList tokens={tokens} />
          ) : (
            <EmptyState title="No tokens yet">Generate a token for your identity provider&apos;s SCIM connection.</EmptyState>
          )}
        </section>
      </div>
    </>
  );
}
