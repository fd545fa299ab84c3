import { ValidationPipe } from '@nestjs/common';
import { ValidationFailedException, flattenValidationErrors } from '@app/common';

/** Unknown fields are refused, nested DTOs validated, values converted to the DTO's types. */
export const createValidationPipe = () =>
  new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => new ValidationFailedException(flattenValidationErrors(errors)),
  });
