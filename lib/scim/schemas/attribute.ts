/**
 * A terse builder for attribute definitions: the RFC 7643 defaults
 * (readWrite, returned default, not required, not case-exact) are filled in,
 * so each schema file reads like the RFC's own tables.
 */
import type { AttributeDefinition } from './types';

type Options = Partial<Omit<AttributeDefinition, 'name' | 'type'>>;

export function attr(name: string, type: AttributeDefinition['type'], options: Options = {}): AttributeDefinition {
  return {
    name,
    type,
    multiValued: false,
    description: '',
    required: false,
    caseExact: false,
    mutability: 'readWrite',
    returned: 'default',
    uniqueness: 'none',
    ...options,
  };
}

export function complex(name: string, subAttributes: AttributeDefinition[], options: Options = {}): AttributeDefinition {
  return attr(name, 'complex', { ...options, subAttributes });
}

/** The usual shape of a multi-valued attribute: value, display, type, primary. */
export function multiValuedTyped(
  name: string,
  description: string,
  canonicalTypes: string[],
  valueOptions: Options = {},
  extra: AttributeDefinition[] = [],
): AttributeDefinition {
  return complex(
    name,
    [
      attr('value', 'string', valueOptions),
      attr('display', 'string'),
      attr('type', 'string', { canonicalValues: canonicalTypes }),
      attr('primary', 'boolean'),
      ...extra,
    ],
    { multiValued: true, description },
  );
}
