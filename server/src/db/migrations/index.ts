import type { Migration } from 'kysely';
import * as m0800 from './2026_11_27_0800_create_user';
import * as m0801 from './2026_11_27_0801_create_session';
import * as m0802 from './2026_11_27_0802_create_audit_event';
import * as m0803 from './2026_11_27_0803_create_number_sequence';
import * as m0804 from './2026_11_27_0804_create_login_throttle';
import * as m0900 from './2026_11_27_0900_create_industry';
import * as m0901 from './2026_11_27_0901_create_customer';
import * as m0902 from './2026_11_27_0902_create_contact';
import * as m0903 from './2026_11_27_0903_create_contact_phone';
import * as m0904 from './2026_11_27_0904_create_contract';
import * as m0905 from './2026_11_27_0905_create_contract_service_kind';
import * as m0906 from './2026_11_27_0906_create_contract_item';
import * as m0907 from './2026_11_27_0907_create_contract_stage_change';
import * as m0908 from './2026_11_27_0908_create_equipment';
import * as m0930 from './2026_11_27_0930_create_stored_file';
import * as m0931 from './2026_11_27_0931_create_document';
import * as m0932 from './2026_11_27_0932_create_document_version';
import * as m0950 from './2026_11_27_0950_create_search_entry';
import * as m0970 from './2026_11_27_0970_create_import_report';
import * as m1000 from './2026_11_27_1000_create_project';
import * as m1001 from './2026_11_27_1001_create_project_contract';
import * as m1002 from './2026_11_27_1002_create_project_member';
import * as m1003 from './2026_11_27_1003_create_service_request';
import * as m1004 from './2026_11_27_1004_create_service_request_equipment';
import * as m1005 from './2026_11_27_1005_create_service_request_pause';
import * as m1006 from './2026_11_27_1006_create_notification';
import * as m1007 from './2026_11_27_1007_create_escalation';
import * as m1008 from './2026_11_27_1008_create_task_request';
import * as m1009 from './2026_11_27_1009_create_engineer_leave';
import * as m1040 from './2026_11_27_1040_create_service_request_open_indexes';
import * as m1050 from './2026_11_27_1050_create_contract_status_stage_index';
import * as m1100 from './2026_11_27_1100_create_holiday_year';
import * as m1110 from './2026_11_27_1110_create_service_request_open_sla_load_index';
import * as m1111 from './2026_11_27_1111_create_service_request_open_engineer_indexes';
import * as m1120 from './2026_11_27_1120_create_service_request_engineer_created_indexes';
import * as m1121 from './2026_11_27_1121_create_service_request_search';
import * as m1130 from './2026_11_27_1130_narrow_service_request_indexes';
import * as m1440 from './2026_11_27_1440_create_service_request_search_pending';
import * as m1500 from './2026_11_27_1500_create_contract_customer_status_stage_index';
import * as m1501 from './2026_11_27_1501_enable_search_entry_gin_fastupdate';
import * as m1600 from './2026_11_27_1600_rebuild_session_without_rowid';
import * as m1601 from './2026_11_27_1601_add_user_roles';
import * as m1700 from './2026_11_27_1700_create_import_report_created_index';
import * as m1207_1200 from './2026_12_07_1200_add_equipment_deleted';
import * as m1207_1300 from './2026_12_07_1300_create_delivery_robot';
import * as m1207_1301 from './2026_12_07_1301_create_delivery_robot_kind';
import * as m1207_1302 from './2026_12_07_1302_create_notification_email_off';
import * as m1207_1303 from './2026_12_07_1303_create_delivery_outbox';
import * as m1207_1500 from './2026_12_07_1500_create_phone_call';
import * as m1207_1501 from './2026_12_07_1501_create_phone_call_log';
import * as m1207_1502 from './2026_12_07_1502_create_goods_deviation';
import * as m1207_1600 from './2026_12_07_1600_add_delivery_outbox_customer_email';
import * as m1207_1700 from './2026_12_07_1700_create_company_profile';
import * as m1207_1701 from './2026_12_07_1701_create_checklist_template';
import * as m1207_1702 from './2026_12_07_1702_create_checklist_template_version';
import * as m1207_1703 from './2026_12_07_1703_seed_checklist_templates';
import * as m1207_1800 from './2026_12_07_1800_create_zh_order_indexes';
import * as m1207_1801 from './2026_12_07_1801_add_customer_name_core';
import * as m1207_1900 from './2026_12_07_1900_create_goods_deviation_photo';
import * as m1207_2000 from './2026_12_07_2000_create_visit';
import * as m1207_2001 from './2026_12_07_2001_create_visit_engineer';
import * as m1207_2002 from './2026_12_07_2002_create_guard_override';
import * as m1207_2003 from './2026_12_07_2003_create_signature';
import * as m1207_2004 from './2026_12_07_2004_create_sweep_turn';
import * as m1207_2100 from './2026_12_07_2100_add_visit_details';
import * as m1207_2101 from './2026_12_07_2101_create_visit_records';
import * as m1207_2200 from './2026_12_07_2200_create_service_report';
import * as m1207_2201 from './2026_12_07_2201_create_service_follow_up';
import * as m1207_2202 from './2026_12_07_2202_create_service_debrief';
import * as m1207_2300 from './2026_12_07_2300_create_part';
import * as m1207_2301 from './2026_12_07_2301_create_stock_location';
import * as m1207_2302 from './2026_12_07_2302_create_stock_ledger';
import * as m1207_2303 from './2026_12_07_2303_create_part_loan';
import * as m1207_2304 from './2026_12_07_2304_create_faulty_part_tag';
import * as m1207_2400 from './2026_12_07_2400_create_inspection';
import * as m1207_2401 from './2026_12_07_2401_create_inspection_burn_in';
import * as m1207_2402 from './2026_12_07_2402_create_delivery_note';
import * as m1207_2403 from './2026_12_07_2403_create_inspection_unit';
import * as m1207_2404 from './2026_12_07_2404_create_licence';
import * as m1207_2405 from './2026_12_07_2405_create_contract_burn_in_setting';
import * as m1207_2406 from './2026_12_07_2406_create_inspection_deviation';
import * as m1207_2500 from './2026_12_07_2500_create_pm_plan';
import * as m1207_2501 from './2026_12_07_2501_create_pm_visit';
import * as m1207_2502 from './2026_12_07_2502_create_delivery_outbox_attachment';
import * as m1207_2600 from './2026_12_07_2600_create_training';
import * as m1207_2800 from './2026_12_07_2800_create_project_agreement';
import * as m1207_2801 from './2026_12_07_2801_create_service_request_attachment';
import * as m1207_2920 from './2026_12_07_2920_debrief_of_training_session';
import * as m1207_2900 from './2026_12_07_2900_create_checklist_photo';
import * as m1207_2700 from './2026_12_07_2700_create_work_hours_entry';
import * as m1207_2701 from './2026_12_07_2701_create_work_hours_day';
import * as m1207_2702 from './2026_12_07_2702_create_work_customer_day';
import * as m1207_2703 from './2026_12_07_2703_create_weekly_report';
import * as m1207_2704 from './2026_12_07_2704_create_weekly_record';
import * as m1207_2705 from './2026_12_07_2705_create_weekly_record_action';
import * as m1207_2706 from './2026_12_07_2706_create_monthly_summary';
import * as m1207_2707 from './2026_12_07_2707_create_report_setting';
import * as m1207_2708 from './2026_12_07_2708_create_request_day';
import * as m1207_2709 from './2026_12_07_2709_create_service_request_closed_index';
import * as m1207_2710 from './2026_12_07_2710_create_work_hours_entry_request_source_index';
import * as m1207_2711 from './2026_12_07_2711_create_service_request_open_contract_index';
import * as m1207_2980 from './2026_12_07_2980_create_search_fts_pending';
import * as m1207_3000 from './2026_12_07_3000_add_service_request_sla_next_check';
import * as m1207_3060 from './2026_12_07_3060_drop_service_request_open_sla_load_index';
import * as m1207_3061 from './2026_12_07_3061_add_service_request_sla_notified';
import * as m1207_3100 from './2026_12_07_3100_drop_redundant_service_request_indexes';
import * as m1207_2940 from './2026_12_07_2940_create_request_total_day';
import * as m1207_2941 from './2026_12_07_2941_create_request_customer_week';
import * as m1207_2942 from './2026_12_07_2942_create_request_rollup_breached_indexes';

/** Every migration, by name. Listed statically so the bundled server carries them. */
export const migrations: Record<string, Migration> = {
  '2026_11_27_0800_create_user': m0800,
  '2026_11_27_0801_create_session': m0801,
  '2026_11_27_0802_create_audit_event': m0802,
  '2026_11_27_0803_create_number_sequence': m0803,
  '2026_11_27_0804_create_login_throttle': m0804,
  '2026_11_27_0900_create_industry': m0900,
  '2026_11_27_0901_create_customer': m0901,
  '2026_11_27_0902_create_contact': m0902,
  '2026_11_27_0903_create_contact_phone': m0903,
  '2026_11_27_0904_create_contract': m0904,
  '2026_11_27_0905_create_contract_service_kind': m0905,
  '2026_11_27_0906_create_contract_item': m0906,
  '2026_11_27_0907_create_contract_stage_change': m0907,
  '2026_11_27_0908_create_equipment': m0908,
  '2026_11_27_0930_create_stored_file': m0930,
  '2026_11_27_0931_create_document': m0931,
  '2026_11_27_0932_create_document_version': m0932,
  '2026_11_27_0950_create_search_entry': m0950,
  '2026_11_27_0970_create_import_report': m0970,
  '2026_11_27_1000_create_project': m1000,
  '2026_11_27_1001_create_project_contract': m1001,
  '2026_11_27_1002_create_project_member': m1002,
  '2026_11_27_1003_create_service_request': m1003,
  '2026_11_27_1004_create_service_request_equipment': m1004,
  '2026_11_27_1005_create_service_request_pause': m1005,
  '2026_11_27_1006_create_notification': m1006,
  '2026_11_27_1007_create_escalation': m1007,
  '2026_11_27_1008_create_task_request': m1008,
  '2026_11_27_1009_create_engineer_leave': m1009,
  '2026_11_27_1040_create_service_request_open_indexes': m1040,
  '2026_11_27_1050_create_contract_status_stage_index': m1050,
  '2026_11_27_1100_create_holiday_year': m1100,
  '2026_11_27_1110_create_service_request_open_sla_load_index': m1110,
  '2026_11_27_1111_create_service_request_open_engineer_indexes': m1111,
  '2026_11_27_1120_create_service_request_engineer_created_indexes': m1120,
  '2026_11_27_1121_create_service_request_search': m1121,
  '2026_11_27_1130_narrow_service_request_indexes': m1130,
  '2026_11_27_1440_create_service_request_search_pending': m1440,
  '2026_11_27_1500_create_contract_customer_status_stage_index': m1500,
  '2026_11_27_1501_enable_search_entry_gin_fastupdate': m1501,
  '2026_11_27_1600_rebuild_session_without_rowid': m1600,
  '2026_11_27_1601_add_user_roles': m1601,
  '2026_11_27_1700_create_import_report_created_index': m1700,
  '2026_12_07_1200_add_equipment_deleted': m1207_1200,
  '2026_12_07_1300_create_delivery_robot': m1207_1300,
  '2026_12_07_1301_create_delivery_robot_kind': m1207_1301,
  '2026_12_07_1302_create_notification_email_off': m1207_1302,
  '2026_12_07_1303_create_delivery_outbox': m1207_1303,
  '2026_12_07_1500_create_phone_call': m1207_1500,
  '2026_12_07_1501_create_phone_call_log': m1207_1501,
  '2026_12_07_1502_create_goods_deviation': m1207_1502,
  '2026_12_07_1600_add_delivery_outbox_customer_email': m1207_1600,
  '2026_12_07_1700_create_company_profile': m1207_1700,
  '2026_12_07_1701_create_checklist_template': m1207_1701,
  '2026_12_07_1702_create_checklist_template_version': m1207_1702,
  '2026_12_07_1703_seed_checklist_templates': m1207_1703,
  '2026_12_07_1800_create_zh_order_indexes': m1207_1800,
  '2026_12_07_1801_add_customer_name_core': m1207_1801,
  '2026_12_07_1900_create_goods_deviation_photo': m1207_1900,
  '2026_12_07_2000_create_visit': m1207_2000,
  '2026_12_07_2001_create_visit_engineer': m1207_2001,
  '2026_12_07_2002_create_guard_override': m1207_2002,
  '2026_12_07_2003_create_signature': m1207_2003,
  '2026_12_07_2004_create_sweep_turn': m1207_2004,
  '2026_12_07_2100_add_visit_details': m1207_2100,
  '2026_12_07_2101_create_visit_records': m1207_2101,
  '2026_12_07_2200_create_service_report': m1207_2200,
  '2026_12_07_2201_create_service_follow_up': m1207_2201,
  '2026_12_07_2202_create_service_debrief': m1207_2202,
  '2026_12_07_2300_create_part': m1207_2300,
  '2026_12_07_2301_create_stock_location': m1207_2301,
  '2026_12_07_2302_create_stock_ledger': m1207_2302,
  '2026_12_07_2303_create_part_loan': m1207_2303,
  '2026_12_07_2304_create_faulty_part_tag': m1207_2304,
  '2026_12_07_2400_create_inspection': m1207_2400,
  '2026_12_07_2401_create_inspection_burn_in': m1207_2401,
  '2026_12_07_2402_create_delivery_note': m1207_2402,
  '2026_12_07_2403_create_inspection_unit': m1207_2403,
  '2026_12_07_2404_create_licence': m1207_2404,
  '2026_12_07_2405_create_contract_burn_in_setting': m1207_2405,
  '2026_12_07_2406_create_inspection_deviation': m1207_2406,
  '2026_12_07_2500_create_pm_plan': m1207_2500,
  '2026_12_07_2501_create_pm_visit': m1207_2501,
  '2026_12_07_2502_create_delivery_outbox_attachment': m1207_2502,
  '2026_12_07_2600_create_training': m1207_2600,
  '2026_12_07_2800_create_project_agreement': m1207_2800,
  '2026_12_07_2801_create_service_request_attachment': m1207_2801,
  '2026_12_07_2900_create_checklist_photo': m1207_2900,
  '2026_12_07_2700_create_work_hours_entry': m1207_2700,
  '2026_12_07_2701_create_work_hours_day': m1207_2701,
  '2026_12_07_2702_create_work_customer_day': m1207_2702,
  '2026_12_07_2703_create_weekly_report': m1207_2703,
  '2026_12_07_2704_create_weekly_record': m1207_2704,
  '2026_12_07_2705_create_weekly_record_action': m1207_2705,
  '2026_12_07_2706_create_monthly_summary': m1207_2706,
  '2026_12_07_2707_create_report_setting': m1207_2707,
  '2026_12_07_2708_create_request_day': m1207_2708,
  '2026_12_07_2709_create_service_request_closed_index': m1207_2709,
  '2026_12_07_2710_create_work_hours_entry_request_source_index': m1207_2710,
  '2026_12_07_2711_create_service_request_open_contract_index': m1207_2711,
  '2026_12_07_2920_debrief_of_training_session': m1207_2920,
  '2026_12_07_2980_create_search_fts_pending': m1207_2980,
  '2026_12_07_3000_add_service_request_sla_next_check': m1207_3000,
  '2026_12_07_2940_create_request_total_day': m1207_2940,
  '2026_12_07_2941_create_request_customer_week': m1207_2941,
  '2026_12_07_2942_create_request_rollup_breached_indexes': m1207_2942,
  '2026_12_07_3060_drop_service_request_open_sla_load_index': m1207_3060,
  '2026_12_07_3061_add_service_request_sla_notified': m1207_3061,
  '2026_12_07_3100_drop_redundant_service_request_indexes': m1207_3100,
};
