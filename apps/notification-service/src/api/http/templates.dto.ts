import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { DOCUMENT_KINDS } from '../../domain/delivery/delivery';
import { EMAIL_LANGUAGES, type EmailLanguage } from '../../domain/templates/email-template';

export const PREVIEW_FORMATS = ['html', 'text'] as const;
export type PreviewFormat = (typeof PREVIEW_FORMATS)[number];

/** GET /v1/templates/{name}/preview's query: which language and which part. */
export class PreviewTemplateQueryDto {
  @ApiPropertyOptional({ enum: EMAIL_LANGUAGES, description: 'The language to render it in; en when absent.', example: 'de' })
  @IsOptional()
  @IsIn(EMAIL_LANGUAGES, { message: `language must be one of the supported languages: ${EMAIL_LANGUAGES.join(', ')}` })
  language?: EmailLanguage;

  @ApiPropertyOptional({ enum: PREVIEW_FORMATS, description: 'The part to render: the HTML part or the plain-text part; html when absent.', example: 'html' })
  @IsOptional()
  @IsIn(PREVIEW_FORMATS)
  format?: PreviewFormat;
}

export class EmailTemplateResponse {
  @ApiProperty({ description: 'Its name: what the preview and the delivery log call it.', example: 'invoice-issued' })
  name!: string;

  @ApiProperty({ description: 'What the email is for and who receives it.', example: "An invoice was issued: what it bills, how much, by when; the invoice PDF attached. To the client's AP contact." })
  description!: string;

  @ApiProperty({ enum: EMAIL_LANGUAGES, isArray: true, description: 'The languages it is written in.', example: ['en', 'de'] })
  languages!: EmailLanguage[];
}

export class EmailTemplateListResponse {
  @ApiProperty({ type: () => [EmailTemplateResponse] })
  data!: EmailTemplateResponse[];
}

export class TemplatePreviewResponse {
  @ApiProperty({ example: 'invoice-issued' })
  template!: string;

  @ApiProperty({ enum: EMAIL_LANGUAGES, example: 'de' })
  language!: EmailLanguage;

  @ApiProperty({ enum: PREVIEW_FORMATS, example: 'html' })
  format!: PreviewFormat;

  @ApiProperty({ description: 'The subject line.', example: 'Rechnung INV-2026-000042 für Customer portal rebuild: 7.725,00 USD fällig am 27. Juni 2026' })
  subject!: string;

  @ApiProperty({ enum: ['text/html; charset=utf-8', 'text/plain; charset=utf-8'], description: 'The media type of body.', example: 'text/html; charset=utf-8' })
  content_type!: string;

  @ApiProperty({ description: 'The rendered part: a whole HTML document (html) or the plain text (text).', example: '<!DOCTYPE html>…' })
  body!: string;

  @ApiProperty({ enum: DOCUMENT_KINDS, isArray: true, description: 'The documents the email attaches when sent (the preview shows none).', example: ['invoice_pdf'] })
  attachments!: string[];
}
