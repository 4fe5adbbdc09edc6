import { PrinterOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useLocale } from '../app/locale-context';

/** "打印 / PDF": downloads a record's printed form, in the language the page is shown in. */
export function PrintPdfButton({ href, testId }: { href: string; testId?: string }) {
  const { t, locale } = useLocale();
  return (
    <Button icon={<PrinterOutlined />} href={locale === 'en' ? `${href}?lang=en` : href} download data-testid={testId}>
      {t('forms.printPdf')}
    </Button>
  );
}
