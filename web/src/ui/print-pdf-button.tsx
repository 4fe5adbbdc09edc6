import { PrinterOutlined } from '@ant-design/icons';
import { useLocale } from '../app/locale-context';
import { LightButton } from './light-button';
import { useIsPhone } from './use-is-phone';

/** "打印 / PDF": downloads a record's printed form, in the language the page is shown in (an icon on a phone). */
export function PrintPdfButton({ href, testId }: { href: string; testId?: string }) {
  const { t, locale } = useLocale();
  const isPhone = useIsPhone();
  return (
    <LightButton
      icon={<PrinterOutlined />}
      href={locale === 'en' ? `${href}?lang=en` : href}
      download
      aria-label={t('forms.printPdf')}
      data-testid={testId}
    >
      {isPhone ? null : t('forms.printPdf')}
    </LightButton>
  );
}
