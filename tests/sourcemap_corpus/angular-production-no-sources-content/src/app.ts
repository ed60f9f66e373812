import { Component, signal } from '@angular/core';

@Component({
  selector: 'app-root',
  template: '<button (click)="count.set(count() + 1)">clicked {{ count() }} times</button>',
})
export class App {
  protected readonly count = signal(0);
}
