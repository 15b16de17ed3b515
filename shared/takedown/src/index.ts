export { XarfInvalidError } from './errors';
export {
  XARF_VERSION,
  assertValidXarf,
  buildXarfCsam,
  validateXarf,
  xarfClassification,
  type XarfContact,
  type XarfCsamClass,
  type XarfCsamInput,
  type XarfCsamReport,
  type XarfDetectionMethod,
  type XarfHashValues,
} from './xarf';
export { composeNoticeMail, noticeSubject, type HotlineIdentity, type NoticeItem, type NoticeMailInput } from './notice-mail';
export { NOTICE_TEMPLATES, templateFor, type NoticeTemplate } from './templates';
export { canonicalJson } from './canonical-json';
export { keyIdOf, referralKeyProblem, referralSigningKeySecret, signingKeyFromSeed, type ReferralSigningKey } from './signing-key';
export {
  buildReferral,
  referralMail,
  signReferral,
  verifyReferral,
  type ReferralDocument,
  type ReferralHashes,
  type ReferralInput,
  type ReferralKind,
  type ReferralReason,
  type SignedReferral,
} from './referral';
export { routeCase, type Contact, type PlannedReferral, type RoutingDecision, type RoutingRules, type TraceForRouting } from './routing';
export { SHIPPED_INHOPE_MEMBERS_FILE, loadInhopeMembers, type InhopeMember } from './inhope-members';
export { nextSendingTime, parseSendingWindow, type SendingWindow } from './sending-window';
export {
  hotlineFromConfig,
  routingRulesFromConfig,
  takedownConfig,
  takedownRoutingConfig,
  takedownSendingConfig,
  type TakedownConfig,
  type TakedownRoutingConfig,
  type TakedownSendingConfig,
} from './config';
export * from './store/case-types';
export * from './store/cases-store';
export * from './store/notices-store';
export * from './store/checks-store';
export * from './store/referrals-store';
export * from './store/timeline';
export * from './job-names';
export { noticeLanguage } from './notice-language';
export * from './case-actions';
export * from './store/statistics';
export * from './store/statistics-csv';
export * from './store/case-retention';
