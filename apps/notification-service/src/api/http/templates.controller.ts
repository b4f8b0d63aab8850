import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam } from '@nestjs/swagger';
import { DomainRejection } from '@mb/kernel';
import { AccessPolicy, ApiProblems, STAFF_READERS } from '@mb/platform';
import { EmailRenderer, TemplateNotFoundError } from '../../domain/templates/email-renderer';
import { EMAIL_LANGUAGES, type EmailTemplate } from '../../domain/templates/email-template';
import { EmailTemplateListResponse, PreviewTemplateQueryDto, TemplatePreviewResponse } from './templates.dto';

@Controller('v1/templates')
// The wording of the emails is the supplier's, not a client's: staff read it.
@AccessPolicy<TemplatesController>({ list: STAFF_READERS, preview: STAFF_READERS })
export class TemplatesController {
  constructor(private readonly renderer: EmailRenderer) {}

  @Get()
  @ApiOperation({ operationId: 'listEmailTemplates', summary: 'List the email templates', description: 'Every email the service sends, by template, with the languages it is written in.' })
  @ApiOkResponse({ type: EmailTemplateListResponse, description: 'The templates.' })
  list(): EmailTemplateListResponse {
    return { data: this.renderer.templates.map((template) => ({ name: template.name, description: template.description, languages: [...EMAIL_LANGUAGES] })) };
  }

  @Get(':name/preview')
  @ApiOperation({
    operationId: 'previewEmailTemplate',
    summary: 'Preview an email template',
    description: "Renders the template with its built-in sample (a made-up client, contract and invoice) in a language: the subject and the HTML or the plain-text part, as the client's email would have them.",
  })
  @ApiParam({ name: 'name', description: 'The template, as GET /v1/templates names it.', example: 'invoice-issued' })
  @ApiOkResponse({ type: TemplatePreviewResponse, description: 'The rendered subject and part.' })
  @ApiProblems({ 400: ['request.invalid'], 404: ['template.not_found'] })
  preview(@Param('name') name: string, @Query() query: PreviewTemplateQueryDto): TemplatePreviewResponse {
    const template = this.templateNamed(name);
    const language = query.language ?? 'en';
    const format = query.format ?? 'html';
    const email = this.renderer.render(template, language, template.sample);
    return {
      template: template.name,
      language,
      format,
      subject: email.subject,
      content_type: format === 'html' ? 'text/html; charset=utf-8' : 'text/plain; charset=utf-8',
      body: format === 'html' ? (email.html ?? '') : email.text,
      attachments: (email.attachments ?? []).map((attachment) => attachment.kind),
    };
  }

  private templateNamed(name: string): EmailTemplate<unknown> {
    try {
      return this.renderer.template(name);
    } catch (error) {
      if (error instanceof TemplateNotFoundError) throw new DomainRejection('not_found', 'template.not_found', `there is no email template ${name}`);
      throw error;
    }
  }
}
