/** @type {import('next').NextConfig} */
const nextConfig = {
  experimental: {
    turbopackSourceMaps: false,
  },
};

export default nextConfig;
