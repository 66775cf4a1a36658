import type { ReactNode } from 'react';
import { Card, Flex, Typography } from 'antd';
import { CustomerServiceOutlined } from '@ant-design/icons';
import { useT } from '../../i18n/useT';
import { LanguageSwitch } from '../../app/LanguageSwitch';
import { usePageTitle } from '../../components/PageContainer';

interface AuthShellProps {
  title: string;
  subtitle?: ReactNode;
  width?: number;
  children: ReactNode;
}

/** The frame of the pages shown before signing in: centred card, brand, language switch. */
export function AuthShell({ title, subtitle, width = 400, children }: AuthShellProps) {
  const { t } = useT();
  usePageTitle(title);
  return (
    <div
      style={{
        minHeight: '100vh',
        background: 'linear-gradient(160deg, #e8f1ff 0%, #f5f7fa 45%, #eef3fb 100%)',
        display: 'flex',
        flexDirection: 'column',
      }}
    >
      <Flex justify="flex-end" style={{ padding: '12px 24px' }}>
        <LanguageSwitch />
      </Flex>
      <Flex flex={1} align="center" justify="center" style={{ padding: '0 16px 64px' }}>
        <div style={{ width: '100%', maxWidth: width }}>
          <Flex vertical align="center" gap={4} style={{ marginBottom: 24 }}>
            <CustomerServiceOutlined style={{ fontSize: 40, color: '#1668dc' }} />
            <Typography.Title level={3} style={{ margin: '8px 0 0' }}>
              {t('app.name')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('app.tagline')}</Typography.Text>
          </Flex>
          <Card>
            <Typography.Title level={4} style={{ marginTop: 0 }}>
              {title}
            </Typography.Title>
            {subtitle && (
              <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
                {subtitle}
              </Typography.Paragraph>
            )}
            {children}
          </Card>
        </div>
      </Flex>
    </div>
  );
}
