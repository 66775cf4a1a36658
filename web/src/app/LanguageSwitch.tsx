import { Button, Dropdown } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { useT } from '../i18n/useT';
import { LOCALES } from '@kefu/contracts';
import { currentLocale, isLocale } from '../i18n';
import { useChangeLocale } from './useChangeLocale';

/** Language picker for pages outside the signed-in layout (login, setup). */
export function LanguageSwitch() {
  const { t } = useT();
  const changeLocale = useChangeLocale();
  const active = currentLocale();
  return (
    <Dropdown
      menu={{
        items: LOCALES.map((locale) => ({ key: locale, label: t(`language.${locale}`) })),
        selectable: true,
        selectedKeys: [active],
        onClick: ({ key }) => {
          if (isLocale(key)) void changeLocale(key);
        },
      }}
    >
      <Button type="text" icon={<GlobalOutlined />} aria-label={t('language.label')}>
        {t(`language.${active}`)}
      </Button>
    </Dropdown>
  );
}
