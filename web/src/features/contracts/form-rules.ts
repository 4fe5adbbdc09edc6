import type { Rule } from 'antd/es/form';
import type { z } from 'zod';
import type { TTranslate } from '../../app/locale-context';
import { issueText } from '../../ui/zod-form';

/**
 * `zodRule` for an optional field whose blank input means "no value" (sent as null):
 * a blank passes, anything else is checked with the contract's schema.
 */
export function blankOrRule(schema: z.ZodType, t: TTranslate): Rule {
  return {
    validator: async (_rule, value: unknown) => {
      if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return;
      const result = schema.safeParse(value);
      if (!result.success) throw new Error(issueText(result.error.issues[0], t));
    },
  };
}
