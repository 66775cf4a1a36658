import type { ReactNode } from 'react';
import { Card } from 'antd';
import type { UseQueryResult } from '@tanstack/react-query';
import { PageContainer } from './PageContainer';
import { LoadFailedResult, SectionLoading } from './StatusResults';

interface SettingsPageLayoutProps<T> {
  title: string;
  description?: ReactNode;
  /** The current settings; the form is only rendered once they have loaded, so it starts from them. */
  settings: UseQueryResult<T>;
  children: (settings: T) => ReactNode;
}

/** A settings page: one card with the form for the loaded settings, a retry when loading failed. */
export function SettingsPageLayout<T>({ title, description, settings, children }: SettingsPageLayoutProps<T>) {
  return (
    <PageContainer title={title} description={description}>
      <Card>
        {settings.isError ? (
          <LoadFailedResult error={settings.error} onRetry={() => void settings.refetch()} />
        ) : settings.data ? (
          children(settings.data)
        ) : (
          <SectionLoading />
        )}
      </Card>
    </PageContainer>
  );
}
