import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Form, Input, InputNumber } from 'antd';
import type { TFieldPath } from '@contract/form-errors';
import { ZCreateTrainingPlan } from '@contract/trainings';
import { useCreateTrainingPlan } from '../../api/trainings.hooks';
import { useLocale } from '../../app/locale-context';
import { DrawerForm, FormDrawer } from '../../ui/form-drawer';
import { useNotify } from '../../ui/notify';
import { UserSelect } from '../../ui/user-select';
import { blankToNull, showErrorsOnFields, showZodIssuesOnFields } from '../../ui/zod-form';
import { ContractSelect } from '../contracts/contract-select';

interface SessionValues {
  course?: string;
  date?: string;
  startTime?: string;
  hours?: number | null;
  place?: string;
  trainerId?: number | null;
  expectedAttendees?: number | null;
}
interface FormValues {
  contractId?: number | null;
  title?: string;
  contactName?: string;
  contactEmail?: string;
  notes?: string;
  sessions: SessionValues[];
}

/** Issues land on their own field, a session's too (`sessions.0.expectedAttendees`). */
const wholePath = (path: TFieldPath): TFieldPath => path;

const EMPTY_SESSION: SessionValues = { startTime: '09:00', hours: 3 };

/** R-TRAIN-1: the technical manager drafts the plan from a training contract: courses, sessions, trainer, headcount. */
export function TrainingPlanFormDrawer({ onClose, onCreated }: { onClose: () => void; onCreated: (id: number) => void }) {
  const { t, locale } = useLocale();
  const notify = useNotify();
  const [form] = Form.useForm<FormValues>();
  const create = useCreateTrainingPlan();

  function submit(v: FormValues) {
    const parsed = ZCreateTrainingPlan.safeParse({
      contractId: v.contractId ?? undefined,
      title: v.title ?? '',
      contactName: blankToNull(v.contactName),
      contactEmail: blankToNull(v.contactEmail),
      notes: blankToNull(v.notes),
      sessions: v.sessions.map((s) => ({
        course: s.course ?? '',
        date: s.date || undefined,
        startTime: s.startTime || undefined,
        hours: s.hours ?? undefined,
        place: s.place ?? '',
        trainerId: s.trainerId ?? undefined,
        expectedAttendees: s.expectedAttendees ?? undefined,
      })),
    });
    if (!parsed.success) return showZodIssuesOnFields(form, parsed.error.issues, t, wholePath);
    create.mutate(parsed.data, {
      onSuccess: (plan) => {
        notify.success(t('trainings.created', { number: plan.number }));
        onCreated(plan.id);
      },
      onError: (err) => {
        if (!showErrorsOnFields(form, err, locale, { mapPath: wholePath })) notify.error(err);
      },
    });
  }

  return (
    <FormDrawer onClose={onClose} title={t('trainings.newPlan')} width={720} testId="training-plan">
      <DrawerForm<FormValues>
        form={form}
        initialValues={{ sessions: [EMPTY_SESSION] }}
        onFinish={submit}
        pending={create.isPending}
        stickyActions={{ position: 'sticky', bottom: 0, background: '#fff', padding: '8px 0' }}
      >
        <Form.Item name="contractId" label={t('trainings.contract')} required>
          <ContractSelect allowClear data-testid="training-plan-contract" />
        </Form.Item>
        <Form.Item name="title" label={t('trainings.planTitle')} required>
          <Input data-testid="training-plan-title" />
        </Form.Item>
        <Flex gap={16} wrap>
          <Form.Item name="contactName" label={t('trainings.contactName')} style={{ flex: '1 1 200px' }}>
            <Input data-testid="training-plan-contact" />
          </Form.Item>
          <Form.Item name="contactEmail" label={t('trainings.contactEmail')} style={{ flex: '1 1 240px' }}>
            <Input type="email" data-testid="training-plan-email" />
          </Form.Item>
        </Flex>
        <Form.Item name="notes" label={t('trainings.notes')}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.List name="sessions">
          {(fields, { add, remove }) => (
            <Flex vertical gap={12}>
              {fields.map((field, i) => (
                <Card
                  key={field.key}
                  size="small"
                  title={`${t('trainings.sessions')} ${i + 1}`}
                  extra={
                    fields.length > 1 && (
                      <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(field.name)}>
                        {t('trainings.removeSession')}
                      </Button>
                    )
                  }
                  data-testid={`training-session-${i}`}
                >
                  <Form.Item name={[field.name, 'course']} label={t('trainings.course')} required>
                    <Input data-testid={`training-session-${i}-course`} />
                  </Form.Item>
                  <Flex gap={12} wrap>
                    <Form.Item name={[field.name, 'date']} label={t('trainings.date')} required style={{ flex: '1 1 150px' }}>
                      <Input type="date" data-testid={`training-session-${i}-date`} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'startTime']} label={t('trainings.startTime')} required style={{ flex: '1 1 110px' }}>
                      <Input type="time" data-testid={`training-session-${i}-time`} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'hours']} label={t('trainings.hours')} required style={{ flex: '1 1 90px' }}>
                      <InputNumber min={0.5} step={0.5} style={{ width: '100%' }} data-testid={`training-session-${i}-hours`} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'expectedAttendees']}
                      label={t('trainings.expected')}
                      required
                      style={{ flex: '1 1 110px' }}
                    >
                      <InputNumber style={{ width: '100%' }} data-testid={`training-session-${i}-attendees`} />
                    </Form.Item>
                  </Flex>
                  <Flex gap={12} wrap>
                    <Form.Item name={[field.name, 'place']} label={t('trainings.place')} required style={{ flex: '2 1 240px' }}>
                      <Input data-testid={`training-session-${i}-place`} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'trainerId']} label={t('trainings.trainer')} required style={{ flex: '1 1 180px' }}>
                      <UserSelect holding="engineer" data-testid={`training-session-${i}-trainer`} />
                    </Form.Item>
                  </Flex>
                </Card>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add(EMPTY_SESSION)} data-testid="training-plan-add-session">
                {t('trainings.addSession')}
              </Button>
            </Flex>
          )}
        </Form.List>
      </DrawerForm>
    </FormDrawer>
  );
}
