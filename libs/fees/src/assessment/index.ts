export * from './types';
export * from './errors';
export type { Money, RateLookup } from './money';
export {
  CURRENCY_EXPONENTS,
  Rational,
  conversionFactor,
  convert,
  convertExact,
  currencyExponent,
  isKnownCurrency,
  numberToDecimal,
  parseDecimal,
} from './money';
export { assess, validateRule } from './assess';
