// The SES request a notification becomes. No local engine speaks SES, so this checks the request itself (what
// would be sent, to whom) rather than a delivery.
import { describe, expect, it } from 'vitest';
import { sesRequest, UnknownMailbox } from '../src/email';

const email = {
  eventId: 'e1',
  eventType: 'clock.breached.v1',
  reference: 'NRM-2026-000123',
  clockKind: 'acknowledge',
  to: ['coordinator-office:syd:child', 'national-coordinator', 'national-coordinator'],
  subject: 'NRM-2026-000123: acknowledgement overdue',
  text: 'Referral NRM-2026-000123 needed acknowledgement by 14:00.',
};
const mailboxes = {
  'coordinator-office:syd:child': 'barnkoordinator.syd@polisen.example.se',
  'national-coordinator': 'nrm@jamstalldhetsmyndigheten.example.se',
};

describe('sesRequest', () => {
  it('sends to the functional addresses of the mailboxes, once each, in plain text', () => {
    const request = sesRequest(email, {
      from: 'nrm-no-reply@example.se',
      configurationSet: 'nrm',
      mailboxes,
    });
    expect(request.Destination?.ToAddresses).toEqual([
      'barnkoordinator.syd@polisen.example.se',
      'nrm@jamstalldhetsmyndigheten.example.se',
    ]);
    expect(request.Content?.Simple?.Body?.Text?.Data).toBe(email.text);
    expect(request.Content?.Simple?.Body?.Html).toBeUndefined();
    expect(request.ConfigurationSetName).toBe('nrm');
  });

  it('refuses a mailbox it has no address for rather than guess', () => {
    expect(() =>
      sesRequest({ ...email, to: ['regional-lead:nord'] }, { from: 'x@example.se', mailboxes }),
    ).toThrow(UnknownMailbox);
  });
});
