/**
 * The view model of "Set up the sheet": one line per step it applied, found in place or left alone.
 * Pure: no DOM, no google.script.run. Must never build HTML.
 */
import type { FormatReport, FormatStep } from '../contracts/format-report';
import { t, type Locale } from '../i18n';

export function formatStepLabel(locale: Locale, step: FormatStep): string {
  const key: `sheetSetup.step.${FormatStep}` = `sheetSetup.step.${step}`;
  return t(locale, key);
}

/**
 * What "Set up the sheet" did: each step applied now, each one already in place, and each one left
 * alone because the column holds a rule of its own.
 */
export function formatLines(locale: Locale, report: FormatReport): string[] {
  const lines = (
    steps: readonly FormatStep[] | null | undefined,
    key: 'sheetSetup.applied' | 'sheetSetup.already' | 'sheetSetup.skipped',
  ) =>
    (Array.isArray(steps) ? steps : []).map((step) =>
      t(locale, key, { step: formatStepLabel(locale, step) }),
    );
  return [
    ...lines(report.applied, 'sheetSetup.applied'),
    ...lines(report.alreadyThere, 'sheetSetup.already'),
    ...lines(report.skipped, 'sheetSetup.skipped'),
  ];
}
