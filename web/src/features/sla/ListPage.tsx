import type { ReactNode } from 'react';
import { App, Button, Card, Flex, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import type { UseQueryResult } from '@tanstack/react-query';
import { useT } from '../../i18n/useT';
import { PageContainer } from '../../components/PageContainer';
import { LoadFailedResult } from '../../components/StatusResults';
import { useReportError } from '../../components/useReportError';
import { DeleteConfirm } from './DeleteConfirm';

interface ListPageProps {
  title: string;
  description: string;
  createTo: string;
  createLabel: string;
  createTestId: string;
  /** The list's query: when it fails, the page offers a retry instead of the table. */
  list: Pick<UseQueryResult, 'isError' | 'error' | 'refetch'>;
  /** The table. */
  children: ReactNode;
}

/** An SLA settings list: title, a create button, and the table in a card. */
export function ListPage({ title, description, createTo, createLabel, createTestId, list, children }: ListPageProps) {
  return (
    <PageContainer
      title={title}
      description={description}
      extra={
        <Link to={createTo}>
          <Button type="primary" icon={<PlusOutlined />} data-testid={createTestId}>
            {createLabel}
          </Button>
        </Link>
      }
    >
      <Card>{list.isError ? <LoadFailedResult error={list.error} onRetry={() => void list.refetch()} /> : children}</Card>
    </PageContainer>
  );
}

/** Deleting a row: the confirmation, the call, and the toast once it is done. */
export interface RowDeletion {
  confirmTitle: string;
  doneMessage: string;
  run: () => Promise<unknown>;
}

/** A row's Edit link and, where the row may be deleted, Delete behind a confirmation. */
export function RowActions({ editTo, deletion }: { editTo: string; deletion?: RowDeletion }) {
  const { t } = useT();
  const { message } = App.useApp();
  const reportError = useReportError();
  return (
    <Flex gap={12}>
      <Link to={editTo}>{t('common.edit')}</Link>
      {deletion && (
        <DeleteConfirm
          title={deletion.confirmTitle}
          onConfirm={() =>
            deletion.run().then(
              () => void message.success(deletion.doneMessage),
              (error: unknown) => reportError(error),
            )
          }
        >
          <Typography.Link type="danger">{t('common.delete')}</Typography.Link>
        </DeleteConfirm>
      )}
    </Flex>
  );
}
