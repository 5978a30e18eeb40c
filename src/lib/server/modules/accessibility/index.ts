// Public surface of the accessibility module.
export { submitBarrierReport, listBarrierReports, setBarrierReportStatus } from './service.ts';
export { BARRIER_STATUSES, BARRIER_STATUS_LABELS } from './inputs.ts';
export { accessibilityModule } from './module.ts';
