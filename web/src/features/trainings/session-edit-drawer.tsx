import { Flex, Form, Input, InputNumber } from 'antd';
import { type TTrainingSession, ZUpdateTrainingSession } from '@contract/trainings';
import { useUpdateTrainingSession } from '../../api/trainings.hooks';
import { useLocale } from '../../app/locale-context';
import { DrawerForm, FormDrawer } from '../../ui/form-drawer';
import { useNotify } from '../../ui/notify';
import { UserSelect } from '../../ui/user-select';
import { showErrorsOnFields, showZodIssuesOnFields } from '../../ui/zod-form';

interface Values {
  course: string;
  date: string;
  startTime: string;
  hours: number | null;
  place: string;
  trainerId: number | null;
  expectedAttendees: number | null;
}

/** The manager changes a session; once sent, the customer's calendar event is updated (same UID, higher SEQUENCE) at the next send. */
export function SessionEditDrawer({ session, onClose }: { session: TTrainingSession; onClose: () => void }) {
  const { t, locale } = useLocale();
  const notify = useNotify();
  const [form] = Form.useForm<Values>();
  const update = useUpdateTrainingSession();
  const submit = (v: Values) => {
    const parsed = ZUpdateTrainingSession.safeParse({
      version: session.version,
      course: v.course,
      date: v.date,
      startTime: v.startTime,
      hours: v.hours ?? undefined,
      place: v.place,
      trainerId: v.trainerId ?? undefined,
      expectedAttendees: v.expectedAttendees ?? undefined,
    });
    if (!parsed.success) return showZodIssuesOnFields(form, parsed.error.issues, t);
    update.mutate(
      { id: session.id, body: parsed.data },
      {
        onSuccess: () => {
          notify.success(t('trainings.sessionSaved'));
          onClose();
        },
        onError: (err) => {
          if (!showErrorsOnFields(form, err, locale)) notify.error(err);
        },
      },
    );
  };
  return (
    <FormDrawer onClose={onClose} title={`${t('trainings.editSession')} · ${session.course}`} width={560} testId="training-session-edit">
      <DrawerForm<Values>
        form={form}
        initialValues={{
          course: session.course,
          date: session.date,
          startTime: session.startTime,
          hours: session.hours,
          place: session.place,
          trainerId: session.trainer.id,
          expectedAttendees: session.expectedAttendees,
        }}
        onFinish={submit}
        pending={update.isPending}
      >
        <Form.Item name="course" label={t('trainings.course')} required>
          <Input />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="date" label={t('trainings.date')} required style={{ flex: '1 1 150px' }}>
            <Input type="date" />
          </Form.Item>
          <Form.Item name="startTime" label={t('trainings.startTime')} required style={{ flex: '1 1 110px' }}>
            <Input type="time" />
          </Form.Item>
          <Form.Item name="hours" label={t('trainings.hours')} required style={{ flex: '1 1 90px' }}>
            <InputNumber min={0.5} step={0.5} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="expectedAttendees" label={t('trainings.expected')} required style={{ flex: '1 1 110px' }}>
            <InputNumber style={{ width: '100%' }} />
          </Form.Item>
        </Flex>
        <Form.Item name="place" label={t('trainings.place')} required>
          <Input />
        </Form.Item>
        <Form.Item name="trainerId" label={t('trainings.trainer')} required>
          <UserSelect holding="engineer" valueLabel={session.trainer.name} />
        </Form.Item>
      </DrawerForm>
    </FormDrawer>
  );
}
