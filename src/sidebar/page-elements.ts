/**
 * The elements of sidebar.html that the page script draws and wires, by panel: `'status'` is any
 * element, `'button#send'` must be a <button>. Dom.elements looks them up (and checks each tag) when a
 * panel is built, and the template's test checks that each id stands in sidebar.html exactly once, so
 * the markup and the script cannot drift apart unnoticed. Ids only: no text, no logic.
 */
import type { ElementSpec } from './dom';

export const PAGE_ELEMENTS = {
  page: {
    app: 'app',
    locale: 'select#locale',
    status: 'status',
    error: 'error',
  },
  send: {
    app: 'app',
    send: 'button#send',
    stop: 'button#stop',
    runArea: 'run-area',
    progress: 'progress#progress',
    progressText: 'progress-text',
    runCounts: 'run-counts',
    summary: 'summary',
    dailyCap: 'daily-cap',
    withdrawConfirm: 'withdraw-confirm',
    withdrawQuestion: 'withdraw-question',
    withdrawPeople: 'withdraw-people',
    withdrawYes: 'button#withdraw-yes',
    withdrawInviteOnly: 'button#withdraw-invite-only',
    withdrawNo: 'button#withdraw-no',
    capConfirm: 'cap-confirm',
    capLines: 'cap-lines',
    capSend: 'button#cap-send',
    capSchedule: 'button#cap-schedule',
    capCancel: 'button#cap-cancel',
    nextSteps: 'next-steps',
    nextLines: 'next-lines',
    showRows: 'button#show-rows',
    sendAgain: 'button#send-again',
    turnOnSchedule: 'button#turn-on-schedule',
  },
  check: {
    check: 'button#check',
    checkLive: 'button#check-live',
    report: 'check-report',
    liveReport: 'live-report',
    section: 'details#check-section',
  },
  retry: {
    codes: 'retry-codes',
    retry: 'button#retry',
    confirm: 'retry-confirm',
    question: 'retry-question',
    yes: 'button#retry-yes',
    no: 'button#retry-no',
    section: 'retry-section',
  },
  acceptance: {
    app: 'app',
    refresh: 'button#accept-refresh',
    stop: 'button#accept-stop',
    area: 'accept-area',
    progress: 'progress#accept-progress',
    progressText: 'accept-progress-text',
    report: 'accept-report',
  },
  schedule: {
    state: 'schedule-state',
    every: 'select#schedule-every',
    hour: 'select#schedule-hour',
    hourField: 'schedule-hour-field',
    save: 'button#schedule-save',
    options: 'schedule-options',
  },
  protection: {
    section: 'protection',
    state: 'protection-state',
    keep: 'protection-keep',
    editors: 'protection-editors',
    apply: 'button#protect',
  },
  roster: {
    sheetName: 'sheet-name',
    headerRow: 'header-row',
    message: 'roster-message',
    columns: 'columns',
    countLines: 'count-lines',
    noStatus: 'no-status',
    statusCodes: 'status-codes',
    refresh: 'button#refresh',
    line: 'roster-line',
  },
  setup: {
    button: 'button#format',
    report: 'format-report',
  },
} as const satisfies Record<string, ElementSpec>;
