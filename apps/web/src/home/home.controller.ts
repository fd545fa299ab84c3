import { Controller, Get, Render } from '@nestjs/common';
import { ROUTES } from '../routes';

/** The start page: what a person can do here (views/pages/home.njk links each to its page). */
@Controller()
export class HomeController {
  @Get(ROUTES.home)
  @Render('pages/home.njk')
  home(): Record<string, unknown> {
    return {};
  }
}
