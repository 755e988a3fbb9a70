'use client';

import { useEffect, useState } from 'react';
import { Button } from './button';

/**
 * Copies a value and says so. The Clipboard API exists only on secure
 * origins (https, localhost); a self-hosted instance on plain http falls back
 * to a hidden text area and execCommand, which browsers still allow there.
 */
async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through to the legacy path
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  } finally {
    area.remove();
  }
}

export function CopyButton({
  value,
  label = 'Copy',
  copiedLabel = 'Copied',
  ariaLabel,
}: {
  value: string;
  label?: string;
  copiedLabel?: string;
  /** Accessible name, starting with the visible label (e.g. "Copy SCIM Base URL"). */
  ariaLabel?: string;
}) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 2500);
    return () => clearTimeout(timer);
  }, [state]);
  return (
    <>
      <Button variant="secondary" aria-label={ariaLabel} onClick={async () => setState((await copyText(value)) ? 'copied' : 'failed')}>
        {state === 'copied' ? `✓ ${copiedLabel}` : label}
      </Button>
      <span role="status" aria-live="polite" className="sr-only">
        {state === 'copied' ? 'Copied to the clipboard.' : state === 'failed' ? 'Could not copy: select the text and copy it yourself.' : ''}
      </span>
      {state === 'failed' ? <span className="text-xs text-red-600 dark:text-red-400">Copy failed: select the text and copy it.</span> : null}
    </>
  );
}
