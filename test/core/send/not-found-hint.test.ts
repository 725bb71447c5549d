import { errors } from '../support/scripted-api';
import { Harness, HEADER } from '../support/send-harness';

describe('runSend: a NOT_FOUND says course or user', () => {
  it('reads each course once after a 404 to tell which was missing', () => {
    const h = new Harness([
      HEADER,
      ['111', 'ghost1@school.org', 'STUDENT'],
      ['111', 'ghost2@school.org', 'STUDENT'],
      ['999', 'a@school.org', 'STUDENT'],
      ['999', 'b@school.org', 'STUDENT'],
    ]);
    h.api.addCourse({ id: '111', name: 'Math', state: 'ACTIVE' });
    h.api.replyByDefault(() => errors.notFound());
    const report = h.send();
    expect(report).toMatchObject({ stoppedBecause: 'DONE', processed: 4 });
    expect([2, 3, 4, 5].map((row) => [h.output(row).status, h.output(row).reason])).toEqual([
      ['NOT_FOUND', 'UserNotFound'],
      ['NOT_FOUND', 'UserNotFound'],
      ['NOT_FOUND', 'CourseNotFound'],
      ['NOT_FOUND', 'CourseNotFound'],
    ]);
    expect(h.api.courseCalls.map((c) => c.request)).toEqual(['111', '999']);
    expect(report.courseCalls).toBe(2);
    expect(h.output(2).details).toContain('No Google account has this address');
    expect(h.output(4).details).toContain('The course does not exist');
  });

  it('needs no read once an invitation to the course was created this run', () => {
    const h = new Harness([
      HEADER,
      ['111', 'ok@school.org', 'STUDENT'],
      ['111', 'ghost@school.org', 'STUDENT'],
    ]);
    h.api.reply('ghost@school.org', errors.notFound());
    h.send();
    expect(h.output(3)).toMatchObject({ status: 'NOT_FOUND', reason: 'UserNotFound' });
    expect(h.api.courseCalls).toEqual([]);
  });
});
