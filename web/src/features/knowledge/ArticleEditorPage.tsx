import { useMemo, useState } from 'react';
import { App, Button, Card, Col, DatePicker, Form, Input, Row, Select, Space, Tabs, Typography, Upload } from 'antd';
import { PictureOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate, useParams } from 'react-router';
import { ARTICLE_AUDIENCES, ARTICLE_KINDS, ARTICLE_SCOPES, type Article, type ArticleAudience, type ArticleImage, type ArticleKind, type ArticleScope } from '@kefu/contracts';
import { api } from '../../api/client';
import { useDepartments } from '../../api/departments';
import { useAuth } from '../../app/auth-context';
import { DepartmentTreeSelect } from '../../components/DepartmentTreeSelect';
import { useArticle, useCreateArticle, useUpdateArticle } from '../../api/knowledge';
import { PageContainer } from '../../components/PageContainer';
import { LoadFailedResult, NotFoundResult, SectionLoading } from '../../components/StatusResults';
import { useReportError } from '../../components/useReportError';
import { useT } from '../../i18n/useT';
import { bodyToHtml, withImage } from './article-body';
import { KnowledgeCategorySelect, articlePath } from './shared';

interface EditorValues {
  kind: ArticleKind;
  title: string;
  summary?: string;
  body: string;
  categoryId?: number | null;
  tags: string[];
  audience: ArticleAudience;
  scope: ArticleScope;
  region?: string;
  validity?: [Dayjs | null, Dayjs | null] | null;
  departmentId?: number | null;
  contactPerson?: string;
  slug?: string;
  changeNote?: string;
}

function initialValues(article: Article | undefined): EditorValues {
  if (!article) return { kind: 'article', title: '', body: '', tags: [], audience: 'internal', scope: 'national' };
  return {
    kind: article.kind,
    title: article.title,
    summary: article.summary ?? undefined,
    body: article.bodyHtml,
    categoryId: article.categoryId,
    tags: article.tags,
    audience: article.audience,
    scope: article.scope,
    region: article.region ?? undefined,
    validity: article.validFrom || article.validUntil ? [article.validFrom ? dayjs(article.validFrom) : null, article.validUntil ? dayjs(article.validUntil) : null] : null,
    departmentId: article.departmentId,
    contactPerson: article.contactPerson ?? undefined,
    slug: article.slug ?? undefined,
  };
}

/**
 * The preview renders in a sandboxed frame without scripts (same origin only so its images load
 * with the session): what the editor typed is shown as
 * the browser would, but nothing in it can run. The server sanitises it again on save.
 */
function Preview({ title, html }: { title: string; html: string }) {
  const { t } = useT();
  const document = `<!doctype html><html><head><meta charset="utf-8"><style>body{font:14px/1.7 system-ui,sans-serif;margin:12px;color:#1f2329}img{max-width:100%}</style></head><body><h2>${title.replace(/[&<>"']/g, '')}</h2>${html}</body></html>`;
  return <iframe title={t('knowledge.editor.preview')} sandbox="allow-same-origin" srcDoc={document} data-testid="article-preview" style={{ width: '100%', minHeight: 360, border: '1px solid #f0f0f0', borderRadius: 8 }} />;
}

function Editor({ article }: { article?: Article }) {
  const { t } = useT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<EditorValues>();
  const create = useCreateArticle();
  const update = useUpdateArticle(article?.id ?? 0);
  const reportError = useReportError();
  const { can } = useAuth();
  // The organisation tree needs departments.read; without it the owning unit is kept as it was.
  const departments = useDepartments({ enabled: can('departments.read') });
  const initial = useMemo(() => initialValues(article), [article]);
  const [preview, setPreview] = useState({ title: initial.title, html: bodyToHtml(initial.body) });

  const save = (values: EditorValues) => {
    const [from, until] = values.validity ?? [null, null];
    const input = {
      title: values.title,
      summary: values.summary?.trim() || null,
      bodyHtml: bodyToHtml(values.body),
      categoryId: values.categoryId ?? null,
      tags: values.tags,
      audience: values.audience,
      scope: values.scope,
      region: values.region?.trim() || null,
      validFrom: from ? from.valueOf() : null,
      validUntil: until ? until.valueOf() : null,
      departmentId: values.departmentId ?? null,
      contactPerson: values.contactPerson?.trim() || null,
      slug: values.slug?.trim() || null,
      changeNote: values.changeNote?.trim() || null,
    };
    const done = (saved: Article) => {
      void message.success(t('knowledge.editor.saved', { version: saved.currentVersion }));
      void navigate(articlePath(saved.id));
    };
    if (article) update.mutate({ ...input, baseVersion: article.currentVersion }, { onSuccess: done, onError: (error) => reportError(error, form) });
    else create.mutate({ ...input, kind: values.kind }, { onSuccess: done, onError: (error) => reportError(error, form) });
  };

  const [uploading, setUploading] = useState(false);
  /** Uploads an image of a saved draft and appends it to the body as <img>. */
  const insertImage = (file: File) => {
    if (!article) return false;
    setUploading(true);
    api
      .upload<ArticleImage>(`/knowledge/articles/${article.id}/images`, file, 'application/octet-stream', { fileName: file.name })
      .then((image) => {
        const next = withImage((form.getFieldValue('body') as string | undefined) ?? '', image.url, image.fileName);
        form.setFieldValue('body', next);
        setPreview({ title: (form.getFieldValue('title') as string | undefined) ?? '', html: next });
      })
      .catch((error: unknown) => reportError(error))
      .finally(() => setUploading(false));
    return false;
  };

  return (
    <PageContainer title={article ? t('knowledge.editor.editTitle', { title: article.title }) : t('knowledge.editor.new')}>
      <Form<EditorValues>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={save}
        onValuesChange={(_, all) => setPreview({ title: all.title ?? '', html: bodyToHtml(all.body ?? '') })}
      >
        <Row gutter={16}>
          <Col xs={24} xl={14}>
            <Card size="small">
              <Form.Item name="kind" label={t('knowledge.fields.kind')}>
                <Select disabled={Boolean(article)} options={ARTICLE_KINDS.map((value) => ({ value, label: t(`shared:knowledge.kinds.${value}`) }))} data-testid="editor-kind" />
              </Form.Item>
              <Form.Item name="title" label={t('knowledge.fields.title')} rules={[{ required: true, message: t('knowledge.editor.titleRequired') }]}>
                <Input maxLength={200} data-testid="editor-title" />
              </Form.Item>
              <Form.Item name="summary" label={t('knowledge.fields.summary')}>
                <Input maxLength={500} data-testid="editor-summary" />
              </Form.Item>
              <Form.Item name="body" label={t('knowledge.fields.body')} extra={t('knowledge.editor.bodyHelp')} rules={[{ required: true, message: t('knowledge.editor.bodyRequired') }]}>
                <Input.TextArea rows={12} data-testid="editor-body" />
              </Form.Item>
              <Space style={{ marginBottom: 16 }}>
                <Upload accept=".png,.jpg,.jpeg,.gif,.webp" showUploadList={false} beforeUpload={insertImage} disabled={!article}>
                  <Button icon={<PictureOutlined />} loading={uploading} disabled={!article} data-testid="editor-image">
                    {t('knowledge.editor.insertImage')}
                  </Button>
                </Upload>
                {!article && <Typography.Text type="secondary">{t('knowledge.editor.imageAfterSave')}</Typography.Text>}
              </Space>
              <Form.Item name="changeNote" label={t('knowledge.fields.changeNote')}>
                <Input maxLength={200} data-testid="editor-change-note" />
              </Form.Item>
            </Card>
          </Col>
          <Col xs={24} xl={10}>
            <Card size="small">
              <Tabs
                items={[
                  {
                    key: 'meta',
                    label: t('knowledge.editor.properties'),
                    children: (
                      <>
                        <Form.Item name="categoryId" label={t('knowledge.fields.category')}>
                          <KnowledgeCategorySelect />
                        </Form.Item>
                        <Form.Item name="tags" label={t('knowledge.fields.tags')} extra={t('knowledge.editor.tagsHelp')}>
                          <Select mode="tags" tokenSeparators={[',', '\uff0c', ' ']} data-testid="editor-tags" />
                        </Form.Item>
                        <Space wrap>
                          <Form.Item name="audience" label={t('knowledge.fields.audience')}>
                            <Select style={{ width: 160 }} options={ARTICLE_AUDIENCES.map((value) => ({ value, label: t(`shared:knowledge.audiences.${value}`) }))} data-testid="editor-audience" />
                          </Form.Item>
                          <Form.Item name="scope" label={t('knowledge.fields.scope')}>
                            <Select style={{ width: 120 }} options={ARTICLE_SCOPES.map((value) => ({ value, label: t(`shared:knowledge.scopes.${value}`) }))} />
                          </Form.Item>
                          <Form.Item name="region" label={t('knowledge.fields.region')}>
                            <Input maxLength={50} style={{ width: 140 }} />
                          </Form.Item>
                        </Space>
                        <Form.Item name="validity" label={t('knowledge.fields.validity')}>
                          <DatePicker.RangePicker showTime allowEmpty={[true, true]} style={{ width: '100%' }} />
                        </Form.Item>
                        {can('departments.read') && (
                          <Form.Item name="departmentId" label={t('knowledge.fields.department')}>
                            <DepartmentTreeSelect departments={departments.data} loading={departments.isPending} allowClear />
                          </Form.Item>
                        )}
                        <Form.Item name="contactPerson" label={t('knowledge.fields.contactPerson')}>
                          <Input maxLength={50} />
                        </Form.Item>
                        <Form.Item name="slug" label={t('knowledge.fields.slug')} extra={t('knowledge.editor.slugHelp')}>
                          <Input maxLength={80} />
                        </Form.Item>
                      </>
                    ),
                  },
                  { key: 'preview', label: t('knowledge.editor.preview'), children: <Preview title={preview.title} html={preview.html} /> },
                ]}
              />
            </Card>
          </Col>
        </Row>
        <Space style={{ marginTop: 16 }}>
          <Button type="primary" htmlType="submit" loading={create.isPending || update.isPending} data-testid="editor-save">
            {t('knowledge.editor.save')}
          </Button>
          <Button onClick={() => void navigate(-1)}>{t('common.cancel')}</Button>
          <Typography.Text type="secondary">{t('knowledge.editor.versionHint')}</Typography.Text>
        </Space>
      </Form>
    </PageContainer>
  );
}

export function ArticleNewPage() {
  return <Editor />;
}

export function ArticleEditPage() {
  const { id } = useParams();
  const articleId = Number(id);
  const query = useArticle(articleId);
  if (!Number.isInteger(articleId) || articleId <= 0) return <NotFoundResult />;
  if (query.isError) return <LoadFailedResult error={query.error} onRetry={() => void query.refetch()} />;
  if (!query.data) return <SectionLoading />;
  return <Editor key={query.data.currentVersion} article={query.data} />;
}
