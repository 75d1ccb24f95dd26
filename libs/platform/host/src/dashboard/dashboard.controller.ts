import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@foodcourt/platform-auth';
import { DASHBOARD_CSS, DASHBOARD_HTML } from './dashboard-page';
import { DASHBOARD_JS } from './dashboard-script';

// The page loads only its own script and style, and talks only to this origin.
const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'";

/**
 * `/dashboard`: the page is public (it holds a login form); everything it shows comes from the
 * admin API (/admin/overview, /admin/traces, /admin/dead-letters), which needs an admin token.
 */
@ApiExcludeController()
@Public()
@Controller('dashboard')
export class DashboardController {
  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('content-security-policy', CSP)
  page(): string {
    return DASHBOARD_HTML;
  }

  @Get('app.js')
  @Header('content-type', 'text/javascript; charset=utf-8')
  script(): string {
    return DASHBOARD_JS;
  }

  @Get('app.css')
  @Header('content-type', 'text/css; charset=utf-8')
  style(): string {
    return DASHBOARD_CSS;
  }
}
