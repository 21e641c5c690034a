// The preset dictionary the referral state is compressed with (referrals.ts, `packState`): the names and values
// every state repeats — the clocks, the route, the facts' codes — so that a state compresses to what is particular
// to it (ids, times, counts) rather than to its shape. A routed acute child's state, 2.5 KB of JSON, is 162 bytes
// with it, about 720 without (deflate, level 9).
//
// FROZEN: every stored state compressed with it needs exactly these bytes to be read. Never edit this text; a better
// dictionary is a new one beside it, under a new format byte (referrals.ts), and this one stays for the states
// stored with it. `packages/store/test/state-dictionary.test.ts` pins its digest.
//
// Deflate copies from the dictionary's end most cheaply: the most common fragments come last.
export const STATE_DICTIONARY_V1 = [
  '"status":"closed","closedAt":"2026-',
  '"status":"handed-off","acceptedAt":"2026-","startedAt":"2026-","endedAt":"2026-","outcome":"',
  '"status":"acknowledged","assignee":{"sub":"","office":"coordinator-office:","since":"2026-"},',
  '{"type":"paused","at":"2026-","reason":"other","commentId":""},{"type":"resumed","at":"2026-"},',
  '{"type":"stopped","at":"2026-","reason":"condition-met"}],"warned":true,"breached":true,"escalationStep":1},',
  '"permits":[{"id":"","kind":"reflection-period","status":"applied","appliedAt":"2026-"}],',
  '"consents":[{"recipientType":"nsp","purpose":"nsp-shelter","id":"consent-1","recordedAt":"2026-",',
  '"recordedBy":{"sub":"","role":"referrer","organisationId":""}},',
  '{"recipientType":"social-services","purpose":"social-services-investigation","id":"consent-2","recordedAt":"2026-"},',
  '{"recipientType":"health-care","purpose":"health-care","id":"consent-3","recordedAt":"2026-"}],',
  '{"id":"","recipient":{"type":"socialjour","id":"socialjour:"},"purpose":"acute-protection","kind":"responsibility",',
  '"status":"offered","basis":{"type":"legal-basis","code":"duty-to-report"},"offeredAt":"2026-"}',
  '{"id":"","recipient":{"type":"social-services","id":"social-services:"},"purpose":"report-of-concern",',
  '"kind":"responsibility","status":"offered","basis":{"type":"legal-basis","code":"duty-to-report"},"offeredAt":"2026-"}],',
  '{"id":"handoff-accept-1","key":"handoff-accept:","kind":"handoff-accept",',
  '"policyId":"handoff-accept-child-social-services","catalogueVersion":"2026.2","handoffId":"",',
  '"events":[{"type":"started","at":"2026-"}],"warned":false,"breached":false,"escalationStep":0},',
  '{"id":"child-decision-1","key":"child-decision:","kind":"child-decision","policyId":"child-decision",',
  '"catalogueVersion":"2026.2","handoffId":"","events":[{"type":"started","at":"2026-"}],"warned":false,',
  '"breached":false,"escalationStep":0}],',
  '{"id":"","version":,"reference":"NRM-2026-","status":"routed","submittedAt":"2026-","channel":"web",',
  '"referrer":{"sub":"","role":"referrer","organisationId":"police-","organisationType":"police"},',
  '"facts":{"ageYears":,"ageGroup":"adult","location":{"municipalityCode":"0180"},"gender":"male",',
  '"citizenships":["UA"],"purposes":["labour"],"acuteProtection":false,"consent":"given","anonymous":false},',
  '"route":{"region":"stockholm","track":"adult","queue":"stockholm:adult"},',
  '"owner":{"type":"coordinator-office","id":"coordinator-office:stockholm:adult"},"linkedReferrals":[],',
  '"updatedAt":"2026-","awaitingAcknowledgement":true,"handoffs":[],"consents":[],',
  '"clocks":[{"id":"acknowledge-1","key":"acknowledge:stockholm:adult","kind":"acknowledge",',
  '"policyId":"acknowledge-adult","catalogueVersion":"2026.2","events":[{"type":"started","at":"2026-"}],',
  '"warned":false,"breached":false,"escalationStep":0},{"id":"owner-gap-1","key":"owner-gap","kind":"owner-gap",',
  '"policyId":"owner-gap","catalogueVersion":"2026.2","events":[{"type":"started","at":"2026-"}],"warned":false,',
  '"breached":false,"escalationStep":0},{"id":"referrer-feedback-1","key":"referrer-feedback",',
  '"kind":"referrer-feedback","policyId":"referrer-feedback","catalogueVersion":"2026.2",',
  '"events":[{"type":"started","at":"2026-"}],"warned":false,"breached":false,"escalationStep":0}],',
  '"notes":0,"supplements":0,"permits":[],"queuedAt":"2026-',
  '{"id":"","version":,"reference":"NRM-2026-","status":"routed","submittedAt":"2026-","channel":"api",',
  '"referrer":{"sub":"","role":"referrer","organisationId":"police-syd","organisationType":"police"},',
  '"facts":{"ageYears":,"ageGroup":"child","location":{"municipalityCode":"1280"},"gender":"female",',
  '"citizenships":["RO"],"purposes":["sexual"],"acuteProtection":true,"consent":"not-required","anonymous":false,',
  '"languages":["ro"]},"route":{"region":"syd","track":"child","queue":"syd:child"},',
  '"owner":{"type":"coordinator-office","id":"coordinator-office:syd:child"},"linkedReferrals":[],',
  '"updatedAt":"2026-","awaitingAcknowledgement":true,"handoffs":[',
  '"consents":[],"clocks":[{"id":"acknowledge-1","key":"acknowledge:syd:child","kind":"acknowledge",',
  '"policyId":"acknowledge-child","catalogueVersion":"2026.2","events":[{"type":"started","at":"2026-"}],',
  '"warned":false,"breached":false,"escalationStep":0},',
].join('');
