/**
 * FormatPort over an Apps Script Sheet: dropdowns (data validation), "text is exactly" conditional
 * format rules and frozen rows — translation only. Must never drop or change a rule it did not make:
 * new rules are added after the sheet's existing ones, which are written back as they were.
 */
import type { CellArea, FormatPort, TextRuleInfo, ValidationInfo } from '../core/setup/ports';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Range = GoogleAppsScript.Spreadsheet.Range;

function describeValidation(rule: GoogleAppsScript.Spreadsheet.DataValidation | null): ValidationInfo {
  if (!rule) return null;
  if (rule.getCriteriaType() !== SpreadsheetApp.DataValidationCriteria.VALUE_IN_LIST)
    return { kind: 'other' };
  // requireValueInList's criteria values are [values, showDropdown].
  const [values] = rule.getCriteriaValues() as [unknown, unknown];
  return { kind: 'list', values: Array.isArray(values) ? values.map(String) : [] };
}

function columnsOf(range: Range): number[] {
  const first = range.getColumn();
  return Array.from({ length: range.getNumColumns() }, (_, i) => first + i);
}

function describeRule(rule: GoogleAppsScript.Spreadsheet.ConditionalFormatRule): TextRuleInfo[] {
  const condition = rule.getBooleanCondition();
  if (!condition || condition.getCriteriaType() !== SpreadsheetApp.BooleanCriteria.TEXT_EQUAL_TO) return [];
  const [text] = condition.getCriteriaValues() as unknown[];
  return [
    {
      text: String(text ?? ''),
      background: condition.getBackground() ?? '',
      columns: rule.getRanges().flatMap(columnsOf),
    },
  ];
}

export function formatPort(sheet: Sheet): FormatPort {
  const rangeOf = (area: CellArea) => sheet.getRange(area.row, area.column, area.numRows, area.numColumns);
  return {
    name: () => sheet.getName(),
    lastRow: () => sheet.getLastRow(),
    lastColumn: () => sheet.getLastColumn(),
    maxRows: () => sheet.getMaxRows(),
    getValues: (row, column, numRows, numColumns) =>
      sheet.getRange(row, column, numRows, numColumns).getValues(),
    columnValidations: (row, numRows, columns) => {
      if (columns.length === 0 || numRows < 1) return columns.map(() => []);
      // One block from the leftmost to the rightmost column asked for: one getDataValidations call.
      const first = Math.min(...columns);
      const grid = sheet.getRange(row, first, numRows, Math.max(...columns) - first + 1).getDataValidations();
      return columns.map((column) => grid.map((cells) => describeValidation(cells[column - first] ?? null)));
    },
    setListValidation: ({ area, values, helpText }) => {
      const rule = SpreadsheetApp.newDataValidation()
        .requireValueInList(values, true)
        // The roster also accepts Chinese names (学生, 撤回) and any case (student): a strict list would
        // reject what the parser accepts. Allowed-invalid values keep a warning mark, not an error.
        .setAllowInvalid(true)
        .setHelpText(helpText)
        .build();
      rangeOf(area).setDataValidation(rule);
    },
    textRules: () => sheet.getConditionalFormatRules().flatMap(describeRule),
    addTextRules: (rules) => {
      const ranges = new Map<string, Range>();
      const added = rules.map((rule) => {
        const key = `${rule.area.row},${rule.area.column},${rule.area.numRows},${rule.area.numColumns}`;
        const range = ranges.get(key) ?? rangeOf(rule.area);
        ranges.set(key, range);
        return SpreadsheetApp.newConditionalFormatRule()
          .whenTextEqualTo(rule.text)
          .setBackground(rule.background)
          .setRanges([range])
          .build();
      });
      sheet.setConditionalFormatRules([...sheet.getConditionalFormatRules(), ...added]);
    },
    frozenRows: () => sheet.getFrozenRows(),
    setFrozenRows: (rows) => sheet.setFrozenRows(rows),
  };
}
