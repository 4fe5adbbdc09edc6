import { CameraOutlined } from '@ant-design/icons';
import { Alert, Flex } from 'antd';
import { isApiError } from '../../api/api-error';
import { useLocale } from '../../app/locale-context';
import { useErrorText } from '../../ui/error-text';

/**
 * A photo item of a checklist, on a phone: the photos taken for it as thumbnail links (the file is
 * always sent as an attachment; the browser shows it in an <img>, never as a page), and a button
 * that opens the camera. The refusal of a file that is not an image names the item.
 */
export function ChecklistPhotoField({
  itemKey,
  refs,
  hrefOf,
  onFile,
  pending,
  error,
  readOnly,
}: {
  itemKey: string;
  refs: readonly string[];
  hrefOf: (ref: string) => string;
  onFile: (file: File) => void;
  pending: boolean;
  error: unknown;
  readOnly: boolean;
}) {
  const { t } = useLocale();
  const errorText = useErrorText();
  const issues = isApiError(error) ? error.issues.filter((i) => i.path !== 'file') : [];
  return (
    <Flex vertical gap={8} data-testid={`check-${itemKey}`}>
      {refs.length > 0 && (
        <Flex gap={8} wrap>
          {refs.map((ref, i) => (
            <a key={ref} href={hrefOf(ref)} data-testid={`check-${itemKey}-photo`} title={t('checklists.photoN', { n: i + 1 })}>
              <img
                src={hrefOf(ref)}
                alt={t('checklists.photoN', { n: i + 1 })}
                width={72}
                height={72}
                style={{ objectFit: 'cover', borderRadius: 6, border: '1px solid #d9d9d9', display: 'block' }}
              />
            </a>
          ))}
        </Flex>
      )}
      {error ? (
        <Alert
          type="error"
          showIcon
          data-testid={`check-${itemKey}-error`}
          title={issues.length > 0 ? issues.map((i) => i.message).join('；') : errorText(error)}
        />
      ) : null}
      {!readOnly && (
        <label
          className="ant-btn ant-btn-default ant-btn-lg ant-btn-block"
          style={{ minHeight: 48, display: 'flex', alignItems: 'center', justifyContent: 'center', gap: 8 }}
        >
          <CameraOutlined />
          {pending ? t('app.loading') : refs.length > 0 ? t('checklists.anotherPhoto') : t('visits.takePhoto')}
          <input
            type="file"
            accept="image/*"
            capture="environment"
            data-testid={`check-${itemKey}-input`}
            style={{ display: 'none' }}
            disabled={pending}
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) onFile(file);
              e.target.value = '';
            }}
          />
        </label>
      )}
    </Flex>
  );
}
