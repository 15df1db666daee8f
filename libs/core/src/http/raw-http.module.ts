import { Module } from '@nestjs/common';
import { RawHttpRoutes } from './raw-http-routes.js';

/** One {@link RawHttpRoutes} per application, shared by every library that imports this module. */
@Module({
  providers: [RawHttpRoutes],
  exports: [RawHttpRoutes],
})
export class RawHttpModule {}
