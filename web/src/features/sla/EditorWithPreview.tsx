import type { ReactNode } from 'react';
import { Button, Col, Flex, Row } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import { useT } from '../../i18n/useT';
import { DeleteConfirm } from './DeleteConfirm';

/** The delete button of a saved item: its confirmation, and what it does once confirmed. */
export interface EditorDeletion {
  confirmTitle: string;
  confirmDescription?: ReactNode;
  pending: boolean;
  onConfirm: () => void;
  testId: string;
}

interface EditorWithPreviewProps {
  /** The form's sections, one above the other. */
  children: ReactNode;
  /** Shown beside the form on wide screens, and kept in view while the form scrolls. */
  preview: ReactNode;
  saving: boolean;
  submitTestId: string;
  /** Absent where there is nothing to delete (a new item) or it may not be deleted. */
  deletion?: EditorDeletion;
}

/**
 * The SLA editors' body, inside their Form: the sections with Save (and Delete, behind a
 * confirmation) below them on the left, the live preview on the right.
 */
export function EditorWithPreview({ children, preview, saving, submitTestId, deletion }: EditorWithPreviewProps) {
  const { t } = useT();
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={15}>
        <Flex vertical gap={16}>
          {children}
          <Flex gap={8}>
            <Button type="primary" htmlType="submit" loading={saving} data-testid={submitTestId}>
              {t('common.save')}
            </Button>
            {deletion && (
              <DeleteConfirm title={deletion.confirmTitle} description={deletion.confirmDescription} onConfirm={deletion.onConfirm}>
                <Button danger icon={<DeleteOutlined />} loading={deletion.pending} data-testid={deletion.testId}>
                  {t('common.delete')}
                </Button>
              </DeleteConfirm>
            )}
          </Flex>
        </Flex>
      </Col>
      <Col xs={24} xl={9}>
        <div style={{ position: 'sticky', top: 0 }}>{preview}</div>
      </Col>
    </Row>
  );
}
