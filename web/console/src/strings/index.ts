import { ptBR } from './pt-br';

/** The console's texts. pt-BR is the product's language; an English object of the same shape can be chosen here. */
export const t = ptBR;
