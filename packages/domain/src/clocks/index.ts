export { eighteenthBirthday, isUnder18 } from './age';
export {
  CLOCK_PAUSE_REASONS,
  type ClockEvent,
  type ClockInput,
  type ClockOptions,
  type ClockPauseReason,
  type ClockState,
  type ClockStatus,
  computeClock,
  nextTimerAt,
  scheduledDueAt,
} from './engine';
export {
  type CalendarSpan,
  CLOCK_KINDS,
  CLOCK_POLICY_CATALOGUE,
  type ClockBasis,
  type ClockDuration,
  type ClockKind,
  type ClockPolicy,
  type ClockPolicyCatalogue,
  type ClockSituation,
  DATE_CLOCK_KINDS,
  ESCALATION_TARGETS,
  type EscalationTarget,
  escalationTarget,
  findClockPolicy,
  selectClockPolicy,
} from './policies';
export {
  childDecisionDue,
  exitPlanPermitMaxEnd,
  permitEarliestEnd,
  reflectionPeriodEnd,
  type StatutoryOptions,
  turning18AlarmAt,
} from './statutory';
