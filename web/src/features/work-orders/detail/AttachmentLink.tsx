import { Typography } from 'antd';
import { FileImageOutlined, FileOutlined, FilePdfOutlined } from '@ant-design/icons';
import type { Attachment } from '@kefu/contracts';
import { formatFileSize } from './composer';

function AttachmentIcon({ contentType }: { contentType: string }) {
  if (contentType.startsWith('image/')) return <FileImageOutlined />;
  if (contentType === 'application/pdf') return <FilePdfOutlined />;
  return <FileOutlined />;
}

/** Images and PDFs open in a new tab; anything else is only ever downloaded, never rendered here. */
export function AttachmentLink({ attachment }: { attachment: Attachment }) {
  return (
    <span style={{ whiteSpace: 'nowrap' }} data-testid="wo-attachment">
      <AttachmentIcon contentType={attachment.contentType} />{' '}
      {attachment.inline ? (
        <a href={attachment.url} target="_blank" rel="noopener noreferrer">
          {attachment.fileName}
        </a>
      ) : (
        <a href={attachment.url} download={attachment.fileName}>
          {attachment.fileName}
        </a>
      )}{' '}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {formatFileSize(attachment.size)}
      </Typography.Text>
    </span>
  );
}
