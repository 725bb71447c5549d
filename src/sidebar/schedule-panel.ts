/**
 * The schedule panel: what the schedule is, and its settings (off / hourly / daily at an hour, the
 * email summary, the acceptance refresh). Until the server has told the schedule, the controls stay
 * disabled: showing "Off" with Save enabled would let a click remove a schedule nobody has seen.
 */
import { t, type MessageKey } from '../i18n';
import type { Dom } from './dom';
import { PAGE_ELEMENTS } from './page-elements';
import type { Page, Panel } from './page';
import { scheduleLines } from './view-model';

/**
 * The schedule's options: each a checkbox with its label (this catalogue key) and the hint that
 * explains it (the key + `Hint`).
 */
const OPTIONS = {
  email: ['schedule-email', 'scheduleOptions.email'],
  acceptance: ['schedule-acceptance', 'scheduleOptions.acceptance'],
  teachers: ['schedule-teachers', 'scheduleOptions.teacherInvites'],
} as const satisfies Record<string, readonly [string, MessageKey]>;

type Option = keyof typeof OPTIONS;

export function createSchedulePanel(page: Page): Panel {
  const { dom, ui } = page;
  const found = dom.elements(PAGE_ELEMENTS.schedule);
  const el = { ...found, ...optionBoxes(dom, found.options) };
  /** The admin changed a control since the schedule was last drawn: a refresh must not undo it. */
  let dirty = false;

  function syncControls(): void {
    const schedule = ui.state?.schedule;
    if (schedule && !dirty) {
      el.every.value = schedule.on && schedule.every ? schedule.every : 'OFF';
      el.hour.value = String(schedule.atHour ?? 6);
      el.email.checked = schedule.on && schedule.email === true;
      el.acceptance.checked = schedule.on && schedule.acceptance === true;
      el.teachers.checked = schedule.on && schedule.teacherInvites === true;
    }
    el.every.disabled = !schedule;
    el.hour.disabled = !schedule || el.every.value !== 'DAY';
    // The hour matters only for a daily schedule: no hour picker before one is chosen.
    el.hourField.hidden = el.every.value !== 'DAY';
    // The email follows scheduled runs: with the schedule off there is nothing to email about.
    el.email.disabled = !schedule || el.every.value === 'OFF';
    el.acceptance.disabled = el.email.disabled;
    el.teachers.disabled = el.email.disabled;
  }

  function render(): void {
    const schedule = ui.state?.schedule;
    const lines = schedule
      ? scheduleLines(ui.locale, schedule, page.formatTime)
      : ui.loadFailed
        ? [t(ui.locale, 'sidebar.notLoaded')]
        : [];
    dom.fillParagraphs(el.state, lines);
    syncControls();
    dom.setAvailable(el.save, Boolean(schedule) && !page.isBusy('schedule'));
  }

  async function save(): Promise<void> {
    if (page.isBusy('schedule') || !ui.state) return;
    const every = el.every.value;
    const hour = Number(el.hour.value);
    const email = el.email.checked;
    const acceptance = el.acceptance.checked;
    const teacherInvites = el.teachers.checked;
    const target = page.target();
    const report = await page.withBusy('schedule', () =>
      every === 'HOUR' || every === 'DAY'
        ? page.call(
            'setSchedule',
            every === 'DAY'
              ? {
                  ...target,
                  every,
                  atHour: Number.isInteger(hour) ? hour : 6,
                  email,
                  acceptance,
                  teacherInvites,
                }
              : { ...target, every, email, acceptance, teacherInvites },
          )
        : page.call('clearSchedule', target),
    );
    if (report === null) return;
    dirty = false;
    ui.scheduleVersion++;
    if (ui.state) ui.state = { ...ui.state, schedule: report };
    ui.status = { text: report.message };
    page.render();
  }

  const hours: HTMLOptionElement[] = [];
  for (let hour = 0; hour < 24; hour++) {
    const option = dom.element('option', `${String(hour).padStart(2, '0')}:00`);
    option.value = String(hour);
    hours.push(option);
  }
  el.hour.replaceChildren(...hours);
  el.hour.value = '6';
  const markDirty = () => {
    dirty = true;
  };
  el.email.addEventListener('change', markDirty);
  el.acceptance.addEventListener('change', markDirty);
  el.teachers.addEventListener('change', markDirty);
  el.hour.addEventListener('change', markDirty);
  el.every.addEventListener('change', () => {
    dirty = true;
    syncControls();
  });
  dom.onPress(el.save, () => void save());
  return { render };
}

/**
 * Builds the options into #schedule-options, disabled until the schedule is known. Their texts are
 * data-i18n keys, filled (and redrawn in a new language) with the rest of the page's static text.
 */
function optionBoxes(dom: Dom, container: HTMLElement): Record<Option, HTMLInputElement> {
  const boxes = {} as Record<Option, HTMLInputElement>;
  for (const [name, [id, label]] of Object.entries(OPTIONS) as [Option, (typeof OPTIONS)[Option]][]) {
    const text = dom.element('span');
    text.dataset.i18n = label;
    const { field, box } = dom.checkField(id, text);
    const hint = dom.element('p', undefined, 'explain');
    hint.id = `${id}-hint`;
    const hintKey: MessageKey = `${label}Hint`;
    hint.dataset.i18n = hintKey;
    box.disabled = true;
    box.setAttribute('aria-describedby', hint.id);
    field.append(hint);
    container.append(field);
    boxes[name] = box;
  }
  return boxes;
}
