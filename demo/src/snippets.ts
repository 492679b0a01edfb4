/** "How to embed": both embeds as a site would write them, with this page's real endpoint and key. */
export function scriptSnippet(endpoint: string, publishableKey: string, scriptUrl: string): string {
  return `<script src="${scriptUrl}"></script>

<form method="post" action="/posts">
  <dropgate-upload
    name="media" required multiple inline
    endpoint="${endpoint}"
    publishable-key="${publishableKey}"
  ></dropgate-upload>
  <button>Publish</button>
</form>`
}

export function npmSnippet(endpoint: string, publishableKey: string): string {
  return `// pnpm add @dropgate/widget
import { createUploader } from '@dropgate/widget'

const uploader = createUploader({
  endpoint: '${endpoint}',
  publishableKey: '${publishableKey}',
  target: document.querySelector('#uploads'),
  inline: true,
  multiple: true,
})

uploader.on('dropgate:upload', ({ name, publicUrl }) => {
  console.log(name, publicUrl)
})`
}
