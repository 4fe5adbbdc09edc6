import type { AuditEventTable } from '../modules/audit/audit.table';
import type { HolidayYearTable } from '../modules/calendar/calendar.table';
import type { LoginThrottleTable, SessionTable } from '../modules/auth/auth.table';
import type {
  ContractItemTable,
  ContractServiceKindTable,
  ContractStageChangeTable,
  ContractTable,
} from '../modules/contracts/contracts.table';
import type { ContactPhoneTable, ContactTable, CustomerTable, IndustryTable } from '../modules/customers/customers.table';
import type { DocumentTable, DocumentVersionTable } from '../modules/documents/documents.table';
import type { EquipmentTable } from '../modules/equipment/equipment.table';
import type {
  ContractBurnInSettingTable,
  DeliveryNoteTable,
  InspectionBurnInTable,
  InspectionDeviationTable,
  InspectionTable,
  InspectionUnitTable,
  LicenceTable,
} from '../modules/inspections/inspections.table';
import type {
  VisitActionTable,
  VisitApprovalTable,
  VisitDetailColumns,
  VisitExtraRequestTable,
  VisitPhotoTable,
  VisitProblemTable,
  VisitUnitTable,
} from '../modules/visits/visit-records.table';
import type { StoredFileTable } from '../modules/files/files.table';
import type { ImportReportTable } from '../modules/imports/imports.table';
import type { SearchEntryTable } from '../modules/search/search.table';
import type { AppUserTable, UserRoleTable } from '../modules/users/users.table';
import type { EscalationTable } from '../modules/escalations/escalations.table';
import type {
  DeliveryOutboxAttachmentTable,
  DeliveryOutboxTable,
  DeliveryRobotKindTable,
  DeliveryRobotTable,
  NotificationEmailOffTable,
} from '../modules/notifications/delivery.table';
import type { NotificationTable } from '../modules/notifications/notifications.table';
import type { ProjectAgreementTable, ProjectContractTable, ProjectMemberTable, ProjectTable } from '../modules/projects/projects.table';
import type {
  EngineerLeaveTable,
  ServiceRequestAttachmentTable,
  ServiceRequestEquipmentTable,
  ServiceRequestPauseTable,
  ServiceRequestTable,
} from '../modules/service-requests/service-requests.table';
import type { PhoneCallLogTable, PhoneCallTable } from '../modules/calls/calls.table';
import type { GuardOverrideTable } from '../modules/guards/guards.table';
import type { SignatureTable } from '../modules/signatures/signatures.table';
import type { VisitEngineerTable, VisitTable } from '../modules/visits/visits.table';
import type {
  TrainingAttendeeTable,
  TrainingFeedbackLinkTable,
  TrainingFeedbackTable,
  TrainingPlanTable,
  TrainingSessionTable,
} from '../modules/trainings/trainings.table';
import type { ServiceDebriefTable, ServiceFollowUpTable, ServiceReportTable } from '../modules/service-reports/service-reports.table';
import type { GoodsDeviationPhotoTable, GoodsDeviationTable } from '../modules/goods-deviations/goods-deviations.table';
import type { CompanyProfileTable } from '../modules/company/company.table';
import type { ChecklistPhotoTable, ChecklistTemplateTable, ChecklistTemplateVersionTable } from '../modules/checklists/checklists.table';
import type { TaskRequestTable } from '../modules/task-requests/task-requests.table';
import type {
  FaultyPartTagTable,
  PartInspectionTable,
  PartLoanTable,
  PartSerialTable,
  PartTable,
  StockBalanceTable,
  StockLocationTable,
  StockMovementTable,
} from '../modules/parts/parts.table';
import type { PmPlanTable, PmVisitTable } from '../modules/maintenance/maintenance.table';
import type { WorkCustomerDayTable, WorkHoursDayTable, WorkHoursEntryTable } from '../modules/work-hours/work-hours.table';
import type {
  MonthlySummaryTable,
  ReportSettingTable,
  RequestCustomerWeekTable,
  RequestDayTable,
  RequestTotalDayTable,
  WeeklyRecordActionTable,
  WeeklyRecordTable,
  WeeklyReportTable,
} from '../modules/reports/reports.table';

/** Every table, as Kysely sees it. */
export interface Database {
  app_user: AppUserTable;
  user_role: UserRoleTable;
  session: SessionTable;
  login_throttle: LoginThrottleTable;
  audit_event: AuditEventTable;
  number_sequence: { series: string; last_value: number };
  industry: IndustryTable;
  customer: CustomerTable;
  contact: ContactTable;
  contact_phone: ContactPhoneTable;
  contract: ContractTable;
  contract_service_kind: ContractServiceKindTable;
  contract_item: ContractItemTable;
  contract_stage_change: ContractStageChangeTable;
  equipment: EquipmentTable;
  stored_file: StoredFileTable;
  document: DocumentTable;
  document_version: DocumentVersionTable;
  search_entry: SearchEntryTable;
  import_report: ImportReportTable;
  project: ProjectTable;
  project_contract: ProjectContractTable;
  project_member: ProjectMemberTable;
  project_agreement: ProjectAgreementTable;
  service_request: ServiceRequestTable;
  service_request_equipment: ServiceRequestEquipmentTable;
  service_request_pause: ServiceRequestPauseTable;
  service_request_attachment: ServiceRequestAttachmentTable;
  notification: NotificationTable;
  delivery_robot: DeliveryRobotTable;
  delivery_robot_kind: DeliveryRobotKindTable;
  notification_email_off: NotificationEmailOffTable;
  delivery_outbox: DeliveryOutboxTable;
  delivery_outbox_attachment: DeliveryOutboxAttachmentTable;
  pm_plan: PmPlanTable;
  pm_visit: PmVisitTable;
  escalation: EscalationTable;
  task_request: TaskRequestTable;
  engineer_leave: EngineerLeaveTable;
  holiday_year: HolidayYearTable;
  phone_call: PhoneCallTable;
  phone_call_log: PhoneCallLogTable;
  goods_deviation: GoodsDeviationTable;
  goods_deviation_photo: GoodsDeviationPhotoTable;
  company_profile: CompanyProfileTable;
  checklist_template: ChecklistTemplateTable;
  checklist_template_version: ChecklistTemplateVersionTable;
  checklist_photo: ChecklistPhotoTable;
  part: PartTable;
  stock_location: StockLocationTable;
  part_inspection: PartInspectionTable;
  stock_movement: StockMovementTable;
  stock_balance: StockBalanceTable;
  part_serial: PartSerialTable;
  part_loan: PartLoanTable;
  faulty_part_tag: FaultyPartTagTable;
  visit: VisitTable & VisitDetailColumns;
  visit_engineer: VisitEngineerTable;
  visit_problem: VisitProblemTable;
  visit_extra_request: VisitExtraRequestTable;
  visit_photo: VisitPhotoTable;
  visit_approval: VisitApprovalTable;
  visit_action: VisitActionTable;
  visit_unit: VisitUnitTable;
  guard_override: GuardOverrideTable;
  signature: SignatureTable;
  service_report: ServiceReportTable;
  service_follow_up: ServiceFollowUpTable;
  service_debrief: ServiceDebriefTable;
  sweep_turn: { name: string; slot: string };
  inspection: InspectionTable;
  inspection_burn_in: InspectionBurnInTable;
  inspection_unit: InspectionUnitTable;
  delivery_note: DeliveryNoteTable;
  licence: LicenceTable;
  contract_burn_in_setting: ContractBurnInSettingTable;
  inspection_deviation: InspectionDeviationTable;
  training_plan: TrainingPlanTable;
  training_session: TrainingSessionTable;
  training_attendee: TrainingAttendeeTable;
  training_feedback_link: TrainingFeedbackLinkTable;
  training_feedback: TrainingFeedbackTable;
  work_hours_entry: WorkHoursEntryTable;
  work_hours_day: WorkHoursDayTable;
  work_customer_day: WorkCustomerDayTable;
  weekly_report: WeeklyReportTable;
  weekly_record: WeeklyRecordTable;
  weekly_record_action: WeeklyRecordActionTable;
  monthly_summary: MonthlySummaryTable;
  report_setting: ReportSettingTable;
  request_day: RequestDayTable;
  request_total_day: RequestTotalDayTable;
  request_customer_week: RequestCustomerWeekTable;
}
