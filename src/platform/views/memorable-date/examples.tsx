import { MemorableDate } from './index.js';

const labels = { month: 'Month', day: 'Day', year: 'Year' };
export const examples = {
  empty: (
    <MemorableDate
      name="birth"
      locale="en"
      legend="Date of birth"
      hint="For example: January 19 2000"
      labels={labels}
      values={{}}
      autoComplete="bday"
    />
  ),
  'filled with an error, in Spanish': (
    <MemorableDate
      name="birth"
      locale="es"
      legend="Fecha de nacimiento"
      hint="Por ejemplo: 19 de enero de 2000"
      labels={{ month: 'Mes', day: 'Día', year: 'Año' }}
      values={{ birthMonth: '02', birthDay: '31', birthYear: '1980' }}
      error="Escriba una fecha de nacimiento real"
    />
  ),
};
