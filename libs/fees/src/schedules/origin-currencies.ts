/**
 * The national currency of each origin country (ISO 3166-1 alpha-2 → ISO 4217): the currency in
 * which recruitment agencies of that country usually charge workers. Every code is one of
 * CURRENCY_EXPONENTS (money.ts); the spec checks it.
 */
export const ORIGIN_CURRENCIES: Readonly<Record<string, string>> = Object.freeze({
  PH: 'PHP', // Philippines, peso
  NP: 'NPR', // Nepal, rupee
  ID: 'IDR', // Indonesia, rupiah
  IN: 'INR', // India, rupee
  BD: 'BDT', // Bangladesh, taka
  LK: 'LKR', // Sri Lanka, rupee
  PK: 'PKR', // Pakistan, rupee
  MM: 'MMK', // Myanmar, kyat
  KH: 'KHR', // Cambodia, riel
  VN: 'VND', // Viet Nam, dong
  ET: 'ETB', // Ethiopia, birr
  KE: 'KES', // Kenya, shilling
  UG: 'UGX', // Uganda, shilling
});

/** The currency of an origin country, or undefined when the country is not listed. */
export function originCurrency(country: string): string | undefined {
  return typeof country === 'string' && Object.prototype.hasOwnProperty.call(ORIGIN_CURRENCIES, country) ? ORIGIN_CURRENCIES[country] : undefined;
}
