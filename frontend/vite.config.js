import { defineConfig } from 'vite';

// The server (Vert.x) serves the built pages from the classpath folder `webroot`, so the build
// writes straight into Maven's target/classes; `npm run dev` and `npm run preview` forward /api
// to a running server (ANXING_SERVER, default the server's own default port).
const server = process.env.ANXING_SERVER ?? 'http://localhost:8080';
const proxy = { '/api': server, '/health': server };

export default defineConfig({
    base: './',
    build: {
        outDir: '../target/classes/webroot',
        emptyOutDir: true,
    },
    server: { proxy },
    preview: { proxy },
});
