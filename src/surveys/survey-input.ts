import { ApiError } from '../http/errors.js';
import { SURVEY_RULES } from './survey-rules.js';

/** What the form posted, as text (kept to fill the form again when something is wrong). */
export interface SurveyFormValues {
  csat?: string;
  nps?: string;
  comment?: string;
}

export interface SurveyAnswerInput {
  csat: number;
  nps: number | null;
  comment: string | null;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

export function formValues(body: Record<string, unknown>): SurveyFormValues {
  const values: SurveyFormValues = {};
  const csat = text(body.csat);
  const nps = text(body.nps);
  const comment = text(body.comment);
  if (csat !== undefined) values.csat = csat;
  if (nps !== undefined) values.nps = nps;
  if (comment !== undefined) values.comment = comment;
  return values;
}

function integerIn(value: string, range: { min: number; max: number }): number | undefined {
  if (!/^\d{1,2}$/.test(value.trim())) return undefined;
  const n = Number(value.trim());
  return n >= range.min && n <= range.max ? n : undefined;
}

/**
 * Checks an answer against the scale; every refusal names the field and says, in pt-BR, what
 * to do. The NPS question is optional for the customer; without it enabled, a posted value is
 * ignored. Comment length counts characters as a person does (line breaks as one, emoji as one).
 */
export function parseSurveyAnswer(
  values: SurveyFormValues,
  npsEnabled: boolean,
): { ok: true; answer: SurveyAnswerInput } | { ok: false; error: ApiError } {
  if (values.csat === undefined || values.csat.trim() === '') {
    return {
      ok: false,
      error: new ApiError('survey_invalid_answer', 'csat', 'Escolha uma nota de 1 a 5 para o atendimento.'),
    };
  }
  const csat = integerIn(values.csat, SURVEY_RULES.csat);
  if (csat === undefined) {
    return {
      ok: false,
      error: new ApiError('survey_invalid_answer', 'csat', 'A nota do atendimento deve ser um número de 1 a 5.'),
    };
  }
  let nps: number | null = null;
  if (npsEnabled && values.nps !== undefined && values.nps.trim() !== '') {
    const parsed = integerIn(values.nps, SURVEY_RULES.nps);
    if (parsed === undefined) {
      return {
        ok: false,
        error: new ApiError('survey_invalid_answer', 'nps', 'A nota de recomendação deve ser um número de 0 a 10.'),
      };
    }
    nps = parsed;
  }
  const comment = (values.comment ?? '').replace(/\r\n?/g, '\n').trim();
  const length = [...comment].length;
  if (length > SURVEY_RULES.commentMaxChars) {
    return {
      ok: false,
      error: new ApiError(
        'survey_comment_too_long',
        'comment',
        `O comentário pode ter até ${SURVEY_RULES.commentMaxChars.toLocaleString('pt-BR')} caracteres; o seu tem ${length.toLocaleString('pt-BR')}. Resuma um pouco e envie de novo.`,
      ),
    };
  }
  return { ok: true, answer: { csat, nps, comment: comment === '' ? null : comment } };
}
