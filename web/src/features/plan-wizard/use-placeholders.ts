// The template's prompts for a plan's empty fields, shown as input placeholders (never stored as values).
import { useTemplate } from '../../api/templates.ts';
import type { PlanView } from '../../api/types.ts';

type PromptedField = 'issue' | 'impact' | 'requiredStandard' | 'goal' | 'measurement' | 'successCriteria';

/** The prompt of a focus area's field, from the plan's template by the area's template key. */
export function useFocusAreaPlaceholders(plan: PlanView) {
  const template = useTemplate(plan.templateId, plan.locale);
  return (templateKey: string | null, field: PromptedField): string | undefined =>
    templateKey ? template.data?.focusAreas.find((a) => a.key === templateKey)?.[field] : undefined;
}
