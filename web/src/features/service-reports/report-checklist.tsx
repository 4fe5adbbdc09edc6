import { Alert, Card, Flex, Form, Input, InputNumber, Radio, Select, Typography } from 'antd';
import { isOutOfRange, type TChecklistAnswers, type TChecklistItem } from '@contract/checklists';
import type { TServiceReport } from '@contract/service-reports';
import { useLocale } from '../../app/locale-context';
import { ChecklistPhotoField } from '../checklists/checklist-photo-field';

/** How a photo item's photos are shown and taken (the page owns the upload). */
export interface TPhotoItems {
  hrefOf: (ref: string) => string;
  onFile: (key: string, file: File) => void;
  /** The item whose photo is being sent, and the last refusal with its item. */
  pendingKey: string | null;
  error: { key: string; error: unknown } | null;
}

/** The out-of-range note of a number answer, or null: the same verdict as the server's (and the PDF's). */
export function rangeNote(item: TChecklistItem, value: unknown, t: ReturnType<typeof useLocale>['t']): string | null {
  if (item.type !== 'number' || typeof value !== 'number' || !isOutOfRange(value, item.min, item.max)) return null;
  return t('reports.outOfRange', { range: `${item.min ?? '…'}–${item.max ?? '…'} ${item.unit}`.trim() });
}

/**
 * R-PM-6: the checklist of the version the report was started with, one large control a line (a
 * phone at the customer's site): yes/no, a number with its unit (flagged out of range at once),
 * a choice, a text, photos from the camera. Read-only once signed.
 */
export function ReportChecklist({
  checklist,
  answers,
  onChange,
  readOnly,
  missing,
  photos,
}: {
  checklist: NonNullable<TServiceReport['checklist']>;
  answers: TChecklistAnswers;
  onChange: (key: string, value: TChecklistAnswers[string]) => void;
  readOnly: boolean;
  missing: readonly string[];
  photos: TPhotoItems;
}) {
  const { t, locale } = useLocale();
  const label = (i: { labelZh: string; labelEn: string }) => (locale === 'en' ? i.labelEn : i.labelZh);
  return (
    <Card
      size="small"
      title={`${t('reports.checklist')}：${locale === 'en' ? checklist.nameEn : checklist.nameZh}（${t('reports.checklistVersion', { n: checklist.versionNo })}）`}
      data-testid="report-checklist"
    >
      <Form layout="vertical" disabled={readOnly}>
        {checklist.items.map((item) => {
          const value = answers[item.key];
          const note = rangeNote(item, value, t);
          const isMissing = missing.includes(item.key);
          return (
            <Form.Item
              key={item.key}
              label={
                <Flex gap={6} align="center" wrap>
                  <span>{label(item)}</span>
                  {item.required && <Typography.Text type="secondary">（{t('reports.required')}）</Typography.Text>}
                </Flex>
              }
              validateStatus={note || isMissing ? 'error' : undefined}
              help={note ?? (isMissing ? t('reports.required') : undefined)}
              data-testid={`check-${item.key}`}
            >
              {item.type === 'yes_no' && (
                <Radio.Group
                  size="large"
                  optionType="button"
                  buttonStyle="solid"
                  value={value}
                  onChange={(e) => onChange(item.key, e.target.value)}
                  options={[
                    { value: true, label: t('reports.yes') },
                    { value: false, label: t('reports.no') },
                  ]}
                />
              )}
              {item.type === 'number' && (
                <InputNumber
                  size="large"
                  style={{ width: '100%' }}
                  value={typeof value === 'number' ? value : null}
                  addonAfter={item.unit || undefined}
                  onChange={(v) => onChange(item.key, v ?? null)}
                  status={note ? 'error' : undefined}
                  inputMode="decimal"
                />
              )}
              {item.type === 'choice' && (
                <Select
                  size="large"
                  value={typeof value === 'string' ? value : undefined}
                  onChange={(v) => onChange(item.key, v)}
                  options={item.options.map((o) => ({ value: o.value, label: locale === 'en' ? o.labelEn : o.labelZh }))}
                />
              )}
              {item.type === 'photo' && (
                <ChecklistPhotoField
                  itemKey={item.key}
                  refs={Array.isArray(value) ? value : []}
                  hrefOf={photos.hrefOf}
                  onFile={(file) => photos.onFile(item.key, file)}
                  pending={photos.pendingKey === item.key}
                  error={photos.error?.key === item.key ? photos.error.error : null}
                  readOnly={readOnly}
                />
              )}
              {item.type === 'text' && (
                <Input.TextArea
                  rows={2}
                  value={typeof value === 'string' ? value : ''}
                  onChange={(e) => onChange(item.key, e.target.value)}
                />
              )}
            </Form.Item>
          );
        })}
      </Form>
      {checklist.outOfRange.length > 0 && (
        <Alert
          type="warning"
          showIcon
          data-testid="report-out-of-range"
          message={checklist.items
            .filter((i) => checklist.outOfRange.includes(i.key))
            .map((i) => `${label(i)}：${rangeNote(i, checklist.answers[i.key], t)}`)
            .join('；')}
        />
      )}
    </Card>
  );
}
