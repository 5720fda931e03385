/** The sample workbook, inlined by webpack.web.config.js as a data: URL. */
declare module 'selfeval-sample.xlsx' {
  const url: string;
  export default url;
}
