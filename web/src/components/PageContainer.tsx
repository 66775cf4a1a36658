import { useEffect, type ReactNode } from 'react';
import { Flex, Typography } from 'antd';
import { useT } from '../i18n/useT';

interface PageContainerProps {
  title: string;
  description?: ReactNode;
  extra?: ReactNode;
  children: ReactNode;
}

export function usePageTitle(title: string): void {
  const { t } = useT();
  const appName = t('app.name');
  useEffect(() => {
    document.title = `${title} - ${appName}`;
    return () => {
      document.title = appName;
    };
  }, [title, appName]);
}

/** Title row, optional actions on the right, then the page body. */
export function PageContainer({ title, description, extra, children }: PageContainerProps) {
  usePageTitle(title);
  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="flex-start" gap={16} wrap>
        <div>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {title}
          </Typography.Title>
          {description && (
            <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }}>
              {description}
            </Typography.Text>
          )}
        </div>
        {extra && (
          <Flex gap={8} wrap>
            {extra}
          </Flex>
        )}
      </Flex>
      {children}
    </Flex>
  );
}
