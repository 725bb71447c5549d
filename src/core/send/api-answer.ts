/**
 * Google's own answer to a failed Classroom call, as kept in the row's Status note (README, "Status
 * codes and what to do"). It is Google's English text: it never goes into the Details sentence, which
 * says what happened and what to do in the admin's language.
 */
import { t, type Locale } from '../../i18n';
import type { ClassifiedError } from '../platform/classify-error';

/** The note line for a failed call: Google's message with its HTTP code; '' when it said nothing. */
export function answerOf(locale: Locale, error: ClassifiedError): string {
  if (error.apiMessage === '') return '';
  return error.httpStatus === null
    ? t(locale, 'details.answer', { message: error.apiMessage })
    : t(locale, 'details.answerHttp', { http: error.httpStatus, message: error.apiMessage });
}
