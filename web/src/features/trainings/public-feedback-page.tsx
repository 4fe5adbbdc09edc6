import { Alert, Button, Card, Flex, Input, Rate, Result, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { FEEDBACK_RATINGS, type TFeedbackRating } from '@contract/trainings';
import { usePublicFeedbackForm, useSubmitPublicFeedback } from '../../api/trainings.hooks';
import { AntdShell } from '../../app/layout/antd-shell';
import { useLocale } from '../../app/locale-context';
import { useErrorText } from '../../ui/error-text';
import { LanguageSwitch } from '../../ui/language-switch';

/**
 * 培训反馈表 on an attendee's own phone (R-TRAIN-3): reached by the QR code the trainer shows, no
 * account; shows that session's course, date and trainer only; one answer per device.
 */
export function PublicFeedbackPage() {
  return (
    <AntdShell>
      <FeedbackForm />
    </AntdShell>
  );
}

function FeedbackForm() {
  const { t } = useLocale();
  const token = useParams().token ?? '';
  const form = usePublicFeedbackForm(token);
  const submit = useSubmitPublicFeedback(token);
  const errorText = useErrorText();
  const [ratings, setRatings] = useState<Partial<Record<TFeedbackRating, number>>>({});
  const [comments, setComments] = useState('');
  const [name, setName] = useState('');
  const [missing, setMissing] = useState(false);

  useEffect(() => {
    document.title = `${t('trainings.public.title')} · ${t('app.name')}`;
  }, [t]);

  const f = form.data;
  let body: React.ReactNode;
  if (form.isPending) body = <Spin style={{ display: 'block', margin: '48px auto' }} />;
  else if (form.isError) body = <Result status="warning" title={errorText(form.error)} data-testid="feedback-link-error" />;
  else if (submit.isSuccess) body = <Result status="success" title={t('trainings.public.thanks')} data-testid="feedback-thanks" />;
  else if (f?.answered) body = <Result status="info" title={t('trainings.public.already')} />;
  else if (f)
    body = (
      <Flex vertical gap={14}>
        <div>
          <div style={{ fontSize: 18, fontWeight: 600 }} data-testid="feedback-course">
            {f.course}
          </div>
          <div style={{ color: '#666' }}>
            {f.date} · {f.trainer}
          </div>
        </div>
        <div style={{ color: '#444' }}>{t('trainings.public.intro')}</div>
        {FEEDBACK_RATINGS.map((k) => (
          <Flex key={k} justify="space-between" align="center" wrap gap={4}>
            <span style={{ fontSize: 16 }}>{t(`trainings.rating.${k}`)}</span>
            <Rate
              value={ratings[k] ?? 0}
              onChange={(v) => setRatings((r) => ({ ...r, [k]: v || undefined }))}
              style={{ fontSize: 28 }}
              data-testid={`feedback-rate-${k}`}
            />
          </Flex>
        ))}
        <Input.TextArea
          rows={3}
          placeholder={t('trainings.comments')}
          value={comments}
          onChange={(e) => setComments(e.target.value)}
          maxLength={2000}
          data-testid="feedback-comments"
        />
        <Input
          placeholder={t('trainings.attendeeOptional')}
          value={name}
          onChange={(e) => setName(e.target.value)}
          maxLength={100}
          data-testid="feedback-name"
        />
        {missing && <Alert type="warning" showIcon title={t('trainings.public.rateAll')} />}
        {submit.isError && <Alert type="error" showIcon title={errorText(submit.error)} data-testid="feedback-error" />}
        <Button
          type="primary"
          size="large"
          block
          loading={submit.isPending}
          data-testid="feedback-submit"
          onClick={() => {
            if (FEEDBACK_RATINGS.some((k) => !ratings[k])) return setMissing(true);
            setMissing(false);
            submit.mutate({
              sessionId: f.sessionId,
              ratings: ratings as Record<TFeedbackRating, number>,
              comments: comments.trim() || null,
              attendeeName: name.trim() || null,
            });
          }}
        >
          {t('trainings.public.submit')}
        </Button>
      </Flex>
    );
  return (
    <div style={{ minHeight: '100vh', background: '#f3f5f8', padding: 12 }} data-testid="public-feedback-page">
      <Card
        title={t('trainings.public.title')}
        extra={<LanguageSwitch />}
        style={{ maxWidth: 520, margin: '0 auto' }}
        styles={{ body: { padding: 16 } }}
      >
        {body}
      </Card>
    </div>
  );
}
