import { Stack } from 'aws-cdk-lib';
import type { Construct } from 'constructs';

/**
 * A value as cdk-nag spells it in a finding id (`Ref X` → `<X>`, `GetAtt X.Y` → `<X.Y>`, joins
 * flattened), so an acknowledgement names exactly one finding in every region and partition.
 */
export function nagName(scope: Construct, value: string): string {
  const flatten = (node: unknown): string => {
    if (typeof node === 'string') return node.replace(/\$\{/g, '<').replace(/\}/g, '>');
    if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (Array.isArray(o['Fn::Join'])) {
        const [delimiter, items] = o['Fn::Join'] as [string, unknown[]];
        return items.map(flatten).join(delimiter);
      }
      if ('Fn::Sub' in o) return flatten(o['Fn::Sub']);
      if (Array.isArray(o['Fn::GetAtt'])) return `<${(o['Fn::GetAtt'] as string[]).join('.')}>`;
      if ('Fn::ImportValue' in o) return flatten(o['Fn::ImportValue']);
      if ('Ref' in o) return `<${flatten(o.Ref)}>`;
    }
    return JSON.stringify(node);
  };
  return flatten(Stack.of(scope).resolve(value));
}
